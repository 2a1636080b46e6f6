/**
 * The CPU and memory combinations Fargate accepts for Linux tasks, as data. Source: the
 * "Task size" table of the Amazon ECS developer guide (task definition parameters, Fargate).
 */

/** Task CPU in CPU units (1024 = one vCPU) that Fargate accepts. */
export type FargateCpu = 256 | 512 | 1024 | 2048 | 4096 | 8192 | 16384;

/** A regular row of the Fargate size table: memory from `minMiB` to `maxMiB` in steps of `stepMiB`. */
export interface FargateMemoryRange {
  /** Smallest memory in MiB for this CPU. */
  readonly minMiB: number;
  /** Largest memory in MiB for this CPU. */
  readonly maxMiB: number;
  /** Memory must be a multiple of this many MiB above the minimum. */
  readonly stepMiB: number;
}

/** Memory (MiB) Fargate accepts for each CPU value. 256 CPU units is the only irregular row. */
export const FARGATE_SIZES: Readonly<Record<FargateCpu, readonly number[] | FargateMemoryRange>> = {
  256: [512, 1024, 2048],
  512: { minMiB: 1024, maxMiB: 4096, stepMiB: 1024 },
  1024: { minMiB: 2048, maxMiB: 8192, stepMiB: 1024 },
  2048: { minMiB: 4096, maxMiB: 16384, stepMiB: 1024 },
  4096: { minMiB: 8192, maxMiB: 30720, stepMiB: 1024 },
  8192: { minMiB: 16384, maxMiB: 61440, stepMiB: 4096 },
  16384: { minMiB: 32768, maxMiB: 122880, stepMiB: 8192 },
};

/** The CPU values Fargate accepts, ascending. */
export const FARGATE_CPU_VALUES: readonly FargateCpu[] = Object.keys(FARGATE_SIZES)
  .map(Number)
  .sort((a, b) => a - b) as FargateCpu[];

/** The memory sizes (MiB) Fargate accepts with `cpu`, or `[]` when `cpu` is not a Fargate value. */
export function fargateMemoryOptions(cpu: number): number[] {
  const row = FARGATE_SIZES[cpu as FargateCpu];
  if (row === undefined) return [];
  if (Array.isArray(row)) return [...row];
  const range = row as FargateMemoryRange;
  const sizes: number[] = [];
  for (let m = range.minMiB; m <= range.maxMiB; m += range.stepMiB) sizes.push(m);
  return sizes;
}

/** True when Fargate accepts the `cpu` / `memoryMiB` pair. */
export function isFargateSize(cpu: number, memoryMiB: number): boolean {
  return fargateMemoryOptions(cpu).includes(memoryMiB);
}

/** What Fargate accepts with `cpu`, in words, for error messages. */
export function describeFargateMemory(cpu: number): string {
  const row = FARGATE_SIZES[cpu as FargateCpu];
  if (row === undefined) return `cpu one of ${FARGATE_CPU_VALUES.join(", ")}`;
  if (Array.isArray(row)) return `memoryMiB one of ${row.join(", ")} with cpu ${cpu}`;
  const range = row as FargateMemoryRange;
  return `memoryMiB from ${range.minMiB} to ${range.maxMiB} in steps of ${range.stepMiB} with cpu ${cpu}`;
}
