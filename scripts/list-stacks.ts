/**
 * Prints the synthesized stacks as a GitHub Actions matrix, one plan job per stack:
 *   npx tsx scripts/list-stacks.ts [--outdir cdktf.out]
 *   → {"include":[{"stack":"dev","dependencies":[],"account":"111111111111",
 *       "plan_role":"arn:aws:iam::111111111111:role/acme-terraform-plan","fail_on_destroy":false}, ...]}
 * `.github/workflows/plan-review.yml` runs it after a synth and feeds it to the plan job's
 * `strategy.matrix` with `fromJSON`, so every stack of the app (the split layout's platform and
 * service-group stacks too) gets its own job without a hand-kept list; see docs/performance.md.
 *
 * Each job's facts come from the synthesized files, never from a guess: the account from the
 * stack's AWS provider (`allowed_account_ids`), the plan role from the account and the bootstrap
 * config's org, `fail_on_destroy` from the stack's policy report (every stack but a
 * non-production one fails its review on a destroy; a stack without a report is treated as
 * production). A missing or unreadable manifest or stack file, a manifest without stacks, or a
 * stack that names no single account fails (exit 1) instead of printing a matrix with gaps.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { AccountBootstrap } from "../src/bootstrap";
import { POLICY_REPORT_FILE, PolicyPackReport } from "../src/core/policy-report";
import { bootstrapConfig } from "../stacks/bootstrap/config";

/** The stacks of a cdktf manifest, in name order, each with the stacks it reads. */
export interface StackMatrix {
  readonly include: ReadonlyArray<{ readonly stack: string; readonly dependencies: readonly string[] }>;
}

/** One plan job of the plan review. */
export interface PlanJob {
  readonly stack: string;
  /** The stacks this one reads (cross-stack references); cdktf deploys them first. */
  readonly dependencies: readonly string[];
  /** The AWS account the stack deploys to. */
  readonly account: string;
  /** The read-only plan role of that account the job assumes. */
  readonly plan_role: string;
  /** Whether destroying a protected resource fails the review (every stack but a non-production one). */
  readonly fail_on_destroy: boolean;
}

/** The plan review's matrix: one {@link PlanJob} per synthesized stack. */
export interface PlanMatrix {
  readonly include: readonly PlanJob[];
}

interface ManifestStack {
  readonly dependencies?: string[];
  readonly synthesizedStackPath?: string;
  readonly workingDirectory?: string;
}

function manifestStacks(manifest: unknown): Record<string, ManifestStack> {
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (stacks === null || typeof stacks !== "object" || Object.keys(stacks).length === 0) {
    throw new Error("the manifest lists no stacks: synthesize the app first (npm run synth)");
  }
  return stacks as Record<string, ManifestStack>;
}

/** The matrix of a cdktf `manifest.json`, stacks in name order, each with the stacks it reads. */
export function stackMatrix(manifest: unknown): StackMatrix {
  return {
    include: Object.entries(manifestStacks(manifest))
      .map(([stack, s]) => ({ stack, dependencies: [...(s.dependencies ?? [])].sort() }))
      .sort((a, b) => a.stack.localeCompare(b.stack)),
  };
}

function readJson(file: string): any {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The one account every AWS provider of the stack is limited to (`allowed_account_ids`). */
function accountOf(stack: string, json: any): string {
  const providers: any[] = json?.provider?.aws ?? [];
  const accounts = new Set(providers.flatMap((p) => (Array.isArray(p?.allowed_account_ids) ? p.allowed_account_ids : [])));
  if (accounts.size !== 1 || providers.some((p) => !Array.isArray(p?.allowed_account_ids))) {
    const found = accounts.size === 0 ? "none" : [...accounts].join(", ");
    throw new Error(
      `stack ${stack}: its AWS providers name no single account in allowed_account_ids (found: ${found}), so its plan role is unknown`,
    );
  }
  return [...accounts][0] as string;
}

/** Whether the stack's policy pack checks it as non-production (its report says so). */
function isNonProduction(outdir: string, stack: ManifestStack): boolean {
  if (!stack.workingDirectory) return false;
  let report: Partial<PolicyPackReport> | undefined;
  try {
    report = readJson(join(outdir, stack.workingDirectory, POLICY_REPORT_FILE));
  } catch {
    return false; // No readable report: the stricter review.
  }
  return report?.environmentClass === "non-production";
}

/**
 * The plan review's matrix for the app synthesized into `outdir`: one job per stack with its
 * account, plan role and destroy gate.
 */
export function planMatrix(outdir: string, org: string = bootstrapConfig.org): PlanMatrix {
  const stacks = manifestStacks(readJson(join(outdir, "manifest.json")));
  return {
    include: stackMatrix({ stacks }).include.map(({ stack, dependencies }) => {
      const entry = stacks[stack];
      if (!entry.synthesizedStackPath) throw new Error(`stack ${stack}: the manifest gives no synthesizedStackPath`);
      const account = accountOf(stack, readJson(join(outdir, entry.synthesizedStackPath)));
      return {
        stack,
        dependencies,
        account,
        plan_role: AccountBootstrap.planRoleArn(org, account),
        fail_on_destroy: !isNonProduction(outdir, entry),
      };
    }),
  };
}

if (require.main === module) {
  let outdir = "cdktf.out";
  try {
    outdir = parseArgs({ options: { outdir: { type: "string", default: "cdktf.out" } } }).values.outdir as string;
    console.log(JSON.stringify(planMatrix(outdir)));
  } catch (error) {
    console.error(`list-stacks: ${outdir}: ${(error as Error).message}`);
    process.exit(1);
  }
}
