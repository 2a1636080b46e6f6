import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFLINE_PLANS_ENV } from "./offline-plans";

/** Names the directory every temporary path of this jest run lives in; global teardown removes it. */
export const RUN_TMPDIR_ENV = "CDKTF_ECS_PLATFORM_TEST_TMPDIR";
/** The prefix of each run's directory in the system temp dir. */
export const RUN_TMPDIR_PREFIX = "cdktf-ecs-platform-jest-";
/** The pid of the background process computing the offline plans, when one was started. */
export const OFFLINE_PLANS_PID_ENV = "OFFLINE_PLANS_PID";

/** Go's GC target for the Terraform runs of the suite (see globalSetup). */
export const TERRAFORM_GOGC = "400";

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
 * Starts computing the offline plans in the background (compute-plans.ts), so the combined
 * Terraform run overlaps the unit tests; the test files that read plans wait for its result file.
 */
function startOfflinePlans(env: NodeJS.ProcessEnv): void {
  const log = openSync(join(env[OFFLINE_PLANS_ENV]!, "compute.log"), "w");
  // Its own process group, so global teardown can stop it together with the terraform it runs.
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "compute-plans.ts")], {
    env: { ...env, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  // Jest waits for the tests, and the tests for the result file, not for this process.
  child.unref();
  env[OFFLINE_PLANS_PID_ENV] = String(child.pid);
}

/**
 * Gives this jest run its own temp directory, so nothing a test creates — fake provider mirrors,
 * `cdktf.outdir.*`, Terraform work dirs — outlives the run. Workers inherit the variables. When the
 * test sequencer found a selected file that reads offline plans, their computation starts now.
 */
export default function globalSetup(): void {
  createRunDir(process.env);
  // Terraform and the aws provider are Go programs that hold the provider schema (a few hundred MB)
  // live: with Go's default GOGC=100 every collection rescans it. 400 collects a quarter as often,
  // about 20 % less CPU per plan here (change-safety's combined plan: 82.7 -> 66.3 s user+sys) for
  // about twice the peak memory (0.85 -> 2.0 GB). A value set by the caller wins.
  process.env.GOGC ??= TERRAFORM_GOGC;
  if (process.env.OFFLINE_PLANS_NEEDED === "1") startOfflinePlans(process.env);
}
