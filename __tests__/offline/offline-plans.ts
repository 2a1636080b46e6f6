import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { checkStacksOffline, TerraformCheckError, TerraformPlanJson } from "../../src/terraform";
import { OFFLINE_STACKS } from "./registry";

/**
 * The offline plans of every registered stack, computed once per jest run by whichever test file
 * asks first (the others wait), then read from disk. `globalSetup` clears the directory at the
 * start of each run, so results never leak between runs.
 */
export const OFFLINE_PLANS_DIR = join(__dirname, "..", "..", ".offline-plans");
const DONE = join(OFFLINE_PLANS_DIR, "done.json");
const LOCK = join(OFFLINE_PLANS_DIR, "lock");

interface Outcome {
  readonly plans: Record<string, string>;
  readonly errors: Record<string, string>;
}

async function computeAll(): Promise<void> {
  const outdir = join(OFFLINE_PLANS_DIR, "cdktf.out");
  const app = new App({ outdir });
  const stacks = OFFLINE_STACKS.flatMap((build) => build(app));
  app.synth();
  const outcome: Outcome = { plans: {}, errors: {} };
  try {
    const results = await checkStacksOffline(stacks.map((s) => join(outdir, "stacks", s.node.id)));
    for (const r of results) {
      const file = join(OFFLINE_PLANS_DIR, `${r.stack}.plan.json`);
      writeFileSync(file, JSON.stringify(r.plan));
      outcome.plans[r.stack] = file;
    }
  } catch (error) {
    const name = error instanceof TerraformCheckError ? error.stackName : "*";
    outcome.errors[name] = (error as Error).message;
  }
  writeFileSync(DONE, JSON.stringify(outcome));
}

async function outcome(): Promise<Outcome> {
  mkdirSync(OFFLINE_PLANS_DIR, { recursive: true });
  let owner = false;
  try {
    mkdirSync(LOCK);
    owner = true;
  } catch {
    // Another test file is computing the plans.
  }
  if (owner && !existsSync(DONE)) {
    try {
      await computeAll();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  while (!existsSync(DONE)) await new Promise((r) => setTimeout(r, 250));
  return JSON.parse(readFileSync(DONE, "utf8")) as Outcome;
}

/** The offline plan of one registered stack; fails with Terraform's own error text if checking failed. */
export async function offlinePlan(stack: string): Promise<TerraformPlanJson> {
  const { plans, errors } = await outcome();
  const error = errors[stack] ?? errors["*"];
  if (!plans[stack]) {
    throw new Error(error ?? `stack "${stack}" is not registered in __tests__/offline/registry.ts`);
  }
  return JSON.parse(readFileSync(plans[stack], "utf8")) as TerraformPlanJson;
}

/** Resource changes of one type and action in a plan. */
export function changesOf(plan: TerraformPlanJson, type: string, action = "create") {
  return (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === action);
}
