/**
 * cdktf captures a full stack trace for every token it creates (about 80 per service) and only
 * prints one when that token fails to resolve. No test reads them, and under jest they are dear:
 * jest's source-map support formats every frame of every captured trace. Skipping them (the fast
 * mode's `skipTokenStackTraces`, see docs/performance.md) halves the CPU of the unit project
 * (measured: 79 s -> 42 s user time) and changes no synthesized file. `__tests__/setup.ts` turns
 * them off for every test file; a test about the traces themselves calls
 * {@link keepTokenCreationTraces} first and {@link skipTokenCreationTraces} after. The setup file
 * and the test file share one module registry, so the state below is the file's own.
 */
import { skipTokenStackTraces } from "../stacks/fast-synthesis";

let restore: (() => void) | undefined;

/** Stops token creation stack traces for the rest of this test file. */
export function skipTokenCreationTraces(): void {
  restore ??= skipTokenStackTraces();
}

/** cdktf's own behaviour again, for a test file that asserts on token creation traces. */
export function keepTokenCreationTraces(): void {
  restore?.();
  restore = undefined;
}
