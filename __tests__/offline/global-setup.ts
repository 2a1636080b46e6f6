import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFLINE_PLANS_ENV } from "./offline-plans";

/** Names the directory every temporary path of this jest run lives in; global teardown removes it. */
export const RUN_TMPDIR_ENV = "CDKTF_ECS_PLATFORM_TEST_TMPDIR";
/** The prefix of each run's directory in the system temp dir. */
export const RUN_TMPDIR_PREFIX = "cdktf-ecs-platform-jest-";

/**
 * Makes a run directory in `base` and points the environment at it: `TMPDIR` (which `os.tmpdir()`,
 * cdktf's `Testing` outdirs and Terraform read), `TMP`, `TEMP`, and the offline plans directory.
 */
export function createRunDir(env: NodeJS.ProcessEnv, base: string = tmpdir()): string {
  const runDir = mkdtempSync(join(base, RUN_TMPDIR_PREFIX));
  env[RUN_TMPDIR_ENV] = runDir;
  env.TMPDIR = runDir;
  env.TMP = runDir;
  env.TEMP = runDir;
  const plans = join(runDir, "offline-plans");
  mkdirSync(plans);
  env[OFFLINE_PLANS_ENV] = plans;
  return runDir;
}

/**
 * Gives this jest run its own temp directory, so nothing a test creates — fake provider mirrors,
 * `cdktf.outdir.*`, Terraform work dirs — outlives the run. Workers inherit the variables.
 */
export default function globalSetup(): void {
  createRunDir(process.env);
}
