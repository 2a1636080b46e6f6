/**
 * `prepack` guard: stops `npm publish` when the target is a public registry (see
 * scripts/publishing/registry-guard.ts). `npm pack` passes.
 */
import { publishRegistryProblem } from "./publishing/registry-guard";

const problem = publishRegistryProblem(process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}
