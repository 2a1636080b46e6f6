import { describeFargateMemory, FARGATE_CPU_VALUES, fargateMemoryOptions, isFargateSize } from "../../src/task/fargate-sizes";

/**
 * The "Task size" table of the Amazon ECS developer guide, restated here (not read from the source)
 * so a wrong row in src/task/fargate-sizes.ts fails: cpu -> [min MiB, max MiB, step MiB].
 */
const DOCUMENTED: Array<[cpu: number, min: number, max: number, step: number]> = [
  [512, 1024, 4096, 1024],
  [1024, 2048, 8192, 1024],
  [2048, 4096, 16384, 1024],
  [4096, 8192, 30720, 1024],
  [8192, 16384, 61440, 4096],
  [16384, 32768, 122880, 8192],
];

describe("Fargate size table", () => {
  test("accepts the documented pairs at the edges of each row", () => {
    expect(isFargateSize(256, 512)).toBe(true);
    expect(isFargateSize(256, 2048)).toBe(true);
    expect(isFargateSize(512, 4096)).toBe(true);
    expect(isFargateSize(4096, 30720)).toBe(true);
    expect(isFargateSize(8192, 16384 + 4096)).toBe(true);
    expect(isFargateSize(16384, 122880)).toBe(true);
  });

  test("rejects pairs outside the table", () => {
    expect(isFargateSize(256, 4096)).toBe(false);
    expect(isFargateSize(256, 1536)).toBe(false);
    expect(isFargateSize(1024, 1024)).toBe(false);
    expect(isFargateSize(8192, 17408)).toBe(false);
    expect(isFargateSize(300, 1024)).toBe(false);
  });

  test.each(DOCUMENTED)("cpu %i: accepts %i to %i MiB in steps of %i, and nothing just outside", (cpu, min, max, step) => {
    expect(isFargateSize(cpu, min)).toBe(true);
    expect(isFargateSize(cpu, max)).toBe(true);
    expect(isFargateSize(cpu, min + step)).toBe(true);
    expect(isFargateSize(cpu, min - step)).toBe(false);
    expect(isFargateSize(cpu, max + step)).toBe(false);
    expect(isFargateSize(cpu, max + 1024)).toBe(false);
    expect(isFargateSize(cpu, min + step / 2)).toBe(false);
    expect(isFargateSize(cpu, min - 1)).toBe(false);
    expect(isFargateSize(cpu, max + 1)).toBe(false);
    expect(fargateMemoryOptions(cpu)).toHaveLength((max - min) / step + 1);
  });

  test("4 vCPU stops at 30,720 MiB: 31,744 is refused", () => {
    expect(isFargateSize(4096, 31744)).toBe(false);
  });

  test("0.25 vCPU takes exactly 512, 1024 and 2048 MiB", () => {
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
    for (const m of [0, 256, 1536, 3072, 4096]) expect(isFargateSize(256, m)).toBe(false);
  });

  test("CPU values just outside the table are refused", () => {
    for (const cpu of [0, 128, 255, 257, 768, 3072, 12288, 16385, 32768]) expect(fargateMemoryOptions(cpu)).toEqual([]);
  });

  test("lists memory options per CPU and describes them for error messages", () => {
    expect(FARGATE_CPU_VALUES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
    expect(fargateMemoryOptions(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(fargateMemoryOptions(100)).toEqual([]);
    expect(describeFargateMemory(256)).toBe("memoryMiB one of 512, 1024, 2048 with cpu 256");
    expect(describeFargateMemory(2048)).toBe("memoryMiB from 4096 to 16384 in steps of 1024 with cpu 2048");
    expect(describeFargateMemory(300)).toMatch(/^cpu one of 256, 512/);
  });
});
