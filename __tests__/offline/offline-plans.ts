import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { checkStacksOffline, TerraformCheckError, TerraformPlanJson } from "../../src/terraform";
import { OFFLINE_STACKS } from "./registry";

/**
 * The offline plans of every registered stack, computed once per jest run (by globalSetup's
 * background process, or else by whichever test file asks first; the others wait), then read from disk. `globalSetup` gives each run its own
 * directory (in `$OFFLINE_PLANS_DIR`, inherited by the workers), so runs never share results.
 */
export const OFFLINE_PLANS_ENV = "OFFLINE_PLANS_DIR";

function plansDir(): string {
  const dir = process.env[OFFLINE_PLANS_ENV];
  if (!dir) throw new Error(`${OFFLINE_PLANS_ENV} is not set: run the tests through jest (its globalSetup sets it)`);
  return dir;
}

interface Outcome {
  readonly plans: Record<string, string>;
  readonly errors: Record<string, string>;
  /** The Terraform commands each stack's plan ran, in order (the combined run's stages). */
  readonly stages: Record<string, string[]>;
}

async function computeAll(dir: string): Promise<void> {
  const outdir = join(dir, "cdktf.out");
  const outcome: Outcome = { plans: {}, errors: {}, stages: {} };
  try {
    const app = new App({ outdir });
    const stacks = OFFLINE_STACKS.flatMap((build) => build(app));
    app.synth();
    // The committed lock file: the suite plans against exactly the checksummed provider CI uses.
    const results = await checkStacksOffline(
      stacks.map((s) => join(outdir, "stacks", s.node.id)),
      { lockFile: join(__dirname, "..", "..", ".terraform.lock.hcl") },
    );
    for (const r of results) {
      const file = join(dir, `${r.stack}.plan.json`);
      writeFileSync(file, JSON.stringify(r.plan));
      outcome.plans[r.stack] = file;
      outcome.stages[r.stack] = Object.keys(r.timings);
    }
  } catch (error) {
    // A failed synthesis or Terraform run is the result too: every waiting test reports it.
    const name = error instanceof TerraformCheckError ? error.stackName : "*";
    outcome.errors[name] = (error as Error).message;
  }
  writeFileSync(join(dir, "done.json"), JSON.stringify(outcome));
}

/**
 * Computes the plans unless another process is computing them or has: the first to create the lock
 * directory computes, with its pid in the lock, and always writes done.json (errors included).
 */
export async function computeOfflinePlans(): Promise<void> {
  const dir = plansDir();
  const lock = join(dir, "lock");
  try {
    mkdirSync(lock);
  } catch {
    return; // Another process is computing the plans.
  }
  writeFileSync(join(lock, "pid"), String(process.pid));
  try {
    if (!existsSync(join(dir, "done.json"))) await computeAll(dir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function outcome(): Promise<Outcome> {
  const dir = plansDir();
  const done = join(dir, "done.json");
  while (!existsSync(done)) {
    // Usually globalSetup's background process is computing them; if nobody is, this file does.
    await computeOfflinePlans();
    let owner: number | undefined;
    try {
      owner = Number(readFileSync(join(dir, "lock", "pid"), "utf8"));
    } catch {
      // Between the lock's creation and its pid file, or just finished.
    }
    if (owner && !isAlive(owner) && !existsSync(done)) {
      const log = existsSync(join(dir, "compute.log")) ? readFileSync(join(dir, "compute.log"), "utf8") : "";
      throw new Error(`the offline plan computation (pid ${owner}) stopped without a result:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return JSON.parse(readFileSync(done, "utf8")) as Outcome;
}

/** The outcome for one registered stack; fails with Terraform's own error text if checking failed. */
async function stackOutcome(stack: string): Promise<{ planFile: string; stages: string[] }> {
  const { plans, errors, stages } = await outcome();
  const error = errors[stack] ?? errors["*"];
  if (!plans[stack]) {
    throw new Error(error ?? `stack "${stack}" is not registered in __tests__/offline/registry.ts`);
  }
  return { planFile: plans[stack], stages: stages[stack] };
}

/** The offline plan of one registered stack; fails with Terraform's own error text if checking failed. */
export async function offlinePlan(stack: string): Promise<TerraformPlanJson> {
  return JSON.parse(readFileSync((await stackOutcome(stack)).planFile, "utf8")) as TerraformPlanJson;
}

/** The Terraform commands the offline plan of one registered stack ran, in order. */
export async function offlinePlanStages(stack: string): Promise<string[]> {
  return (await stackOutcome(stack)).stages;
}

/** The synthesized `cdk.tf.json` of one registered stack, from the same run as its plan. */
export async function synthesizedStack(stack: string): Promise<any> {
  await outcome();
  return JSON.parse(readFileSync(join(plansDir(), "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
}

/** Resource changes of one type and action in a plan. */
export function changesOf(plan: TerraformPlanJson, type: string, action = "create") {
  return (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === action);
}
