import { escapeHtml, markdownCell } from "../core/markdown";
import { AttributeChange, ResourceChangeSummary } from "./changes";
import { CostEstimate } from "./cost-estimate";
import { PolicySummary } from "./policy";
import { budgetAndAdviceSection } from "./render-budget-advice";
import { renamedConstructPath, Rename } from "./renames";
import { FailedStackReview, GateResult, StackReview, StackReviewResult } from "./review";

/** The first line of every report; the workflow finds its own PR comment by it. */
export const REPORT_MARKER = "<!-- cdktf-ecs-platform:plan-review -->";
/** GitHub rejects comments over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65000;

/** How {@link renderMarkdown} heads and concludes the report. */
export interface MarkdownOptions {
  /** The gate's verdict, stated under the summary table. */
  readonly gate: GateResult;
  /** Construct paths by resource address per stack, to name the construct a rename's move goes on. @default - the renamed construct id only */
  readonly constructPaths?: Readonly<Record<string, ReadonlyMap<string, string>>>;
  /** The report's top-level heading. @default "Plan review" */
  readonly title?: string;
}

/** One Markdown report for all stacks: a summary table, then each stack's flags, changes, policy findings and cost. */
export function renderMarkdown(reviews: readonly StackReviewResult[], options: MarkdownOptions): string {
  const out: string[] = [REPORT_MARKER, `# ${options.title ?? "Plan review"}`, ""];
  out.push(
    "| Stack | Create | Update | Replace | Delete | Flags | Policy | Monthly cost | Change |",
    "|---|--:|--:|--:|--:|---|---|--:|--:|",
  );
  for (const r of reviews) out.push(summaryRow(r));
  out.push("");
  out.push(
    options.gate.exitCode === 0
      ? "**Gate: passes** (exit code 0)."
      : `**Gate: fails** (exit code ${options.gate.exitCode}): ${options.gate.reasons.join("; ")}.`,
    "",
  );
  for (const r of reviews) out.push(...(r.status === "failed" ? failedSection(r) : stackSection(r, options.constructPaths?.[r.stack])));
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

/** The report cut to fit one PR comment, with a pointer to the full one. */
export function truncateForComment(markdown: string, maxChars = MAX_COMMENT_CHARS): string {
  if (markdown.length <= maxChars) return markdown;
  const note =
    "\n\n> [!NOTE]\n> The report is longer than a comment allows and was cut here: the full `report.md` is in the workflow run's artifacts.\n";
  const cut = markdown.lastIndexOf("\n", maxChars - note.length);
  return markdown.slice(0, cut) + note;
}

function summaryRow(r: StackReviewResult): string {
  if (r.status === "failed") return `| \`${r.stack}\` | – | – | – | – | ❌ plan failed | ${policyCell(r.policy)} | – | – |`;
  const destroyed = r.flags.filter((f) => f.kind === "delete" || f.kind === "replace").length;
  const renamed = r.flags.filter((f) => f.kind === "rename").length;
  const collisions = r.flags.filter((f) => f.kind === "collision").length;
  const drift = r.flags.filter((f) => f.kind === "drift").length;
  const overBudget = (r.budgets ?? []).filter((b) => b.status === "exceeded").length;
  const flags =
    [
      destroyed ? `⛔ ${destroyed} destroyed` : "",
      renamed ? `⛔ ${renamed} renamed without a move` : "",
      collisions ? `⛔ ${collisions} name collision(s)` : "",
      drift ? `⚠️ ${drift} drifted` : "",
      overBudget ? `💸 ${overBudget} over budget` : "",
      r.unchecked ? "❔ deletions not checked" : "",
    ]
      .filter(Boolean)
      .join(", ") || "none";
  const cost = r.cost ? [money(r.cost.monthlyAfter, r.cost.currency), signedMoney(r.cost.delta, r.cost.currency)] : ["n/a", "n/a"];
  const c = r.counts;
  return `| \`${r.stack}\` | ${c.create} | ${c.update} | ${c.replace} | ${c.delete} | ${flags} | ${policyCell(r.policy)} | ${cost[0]} | ${cost[1]} |`;
}

function policyCell(policy: PolicySummary | undefined): string {
  if (!policy) return "no report";
  const parts = [
    policy.errors ? `❌ ${policy.errors} error(s)` : "",
    policy.warnings ? `${policy.warnings} warning(s)` : "",
    policy.suppressed ? `${policy.suppressed} suppressed` : "",
  ];
  return parts.filter(Boolean).join(", ") || "clean";
}

function failedSection(r: FailedStackReview): string[] {
  const fence = "```";
  return [
    `## \`${r.stack}\``,
    "",
    "> [!CAUTION]",
    "> **The plan failed.** Terraform said:",
    "",
    `${fence}text`,
    r.error.trim(),
    fence,
    "",
    ...policySection(r.policy),
  ];
}

function stackSection(r: StackReview, constructPaths: ReadonlyMap<string, string> | undefined): string[] {
  const out: string[] = [`## \`${r.stack}\``, ""];
  if (r.unchecked) out.push("> [!NOTE]", `> **Not checked:** ${r.unchecked}.`, "");
  const danger = r.flags.filter((f) => f.kind === "delete" || f.kind === "replace");
  if (danger.length > 0) {
    out.push("> [!CAUTION]", `> **${danger.length} protected resource(s) would be destroyed:**`);
    for (const f of danger) {
      const how =
        f.kind === "replace" ? `replaced${f.forcedBy?.length ? ` (forced by ${f.forcedBy.map(code).join(", ")})` : ""}` : "deleted";
      out.push(`> - ${code(f.address)} ${how}: ${f.reason}.`);
    }
    out.push("");
  }
  if (r.renames.length > 0) {
    out.push(
      "> [!CAUTION]",
      `> **${r.renames.length} resource(s) renamed without a move:** each is destroyed at its old address and created again at the new one. Add the move below (the gate fails until then).`,
      "",
    );
  }
  const collisions = r.flags.filter((f) => f.kind === "collision");
  if (collisions.length > 0) {
    out.push("> [!CAUTION]", `> **${collisions.length} name collision(s):** the apply fails, or two addresses end up managing one object:`);
    for (const f of collisions) out.push(`> - ${code(f.address)}: ${f.reason}.`);
    out.push("");
  }
  const c = r.counts;
  out.push(
    `**Plan:** ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c["no-op"]} unchanged.`,
    "",
  );

  out.push(...renamesSection(r.renames, constructPaths));
  if (r.base) out.push(...baseSection(r));
  const renamedFrom = new Map(r.renames.map((rn) => [rn.from, rn]));
  const renamedTo = new Map(r.renames.map((rn) => [rn.to, rn]));
  const destructive = r.changes.filter((ch) => (ch.action === "replace" || ch.action === "delete") && !renamedFrom.has(ch.address));
  if (destructive.length > 0) {
    const protectedAddresses = new Set(danger.map((f) => f.address));
    out.push("### Replacements and deletions", "", "| Action | Resource | Module | Why |", "|---|---|---|---|");
    // Protected resources first, then the rest, each in address order.
    const ordered = [
      ...destructive.filter((ch) => protectedAddresses.has(ch.address)),
      ...destructive.filter((ch) => !protectedAddresses.has(ch.address)),
    ];
    for (const ch of ordered) {
      const mark = protectedAddresses.has(ch.address) ? "⛔ " : "";
      out.push(`| ${mark}${ch.action} | ${code(ch.address)} | ${ch.module} | ${why(ch)} |`);
    }
    out.push("");
  }

  if (r.changes.length > 0) {
    out.push("### Changes by module", "");
    const modules = [...new Set(r.changes.map((ch) => ch.module))].sort();
    for (const module of modules) {
      // A rename is one row, under the module it goes to.
      const inModule = r.changes.filter((ch) => ch.module === module && !renamedFrom.has(ch.address));
      if (inModule.length === 0) continue;
      const renames = inModule.filter((ch) => renamedTo.has(ch.address)).length;
      const tally = [
        ...(["create", "update", "replace", "delete", "forget"] as const).map(
          (a) => [a, inModule.filter((ch) => ch.action === a && !renamedTo.has(ch.address)).length] as const,
        ),
        ["rename", renames] as const,
      ]
        .filter(([, n]) => n > 0)
        .map(([a, n]) => `${n} ${a}`)
        .join(", ");
      out.push(
        `<details><summary><b>${escapeHtml(module)}</b>: ${tally}</summary>`,
        "",
        "| Action | Resource | Changed attributes |",
        "|---|---|---|",
      );
      for (const ch of inModule) {
        const renamed = renamedTo.get(ch.address);
        const from = renamed ? ` (renamed from ${code(renamed.from)}, no move)` : ch.movedFrom ? ` (moved from ${code(ch.movedFrom)})` : "";
        out.push(`| ${renamed ? "⛔ rename" : ch.action} | ${code(ch.address)}${from} | ${attributesCell(ch.attributes)} |`);
      }
      out.push("", "</details>", "");
    }
  }
  out.push(...policySection(r.policy));
  out.push(...costSection(r.cost, r.costUnavailable));
  out.push(...budgetAndAdviceSection(r.budgets, r.advice, money));
  return out;
}

/** Each rename once, grouped by the construct id that changed, with the move that keeps the resources. */
function renamesSection(renames: readonly Rename[], constructPaths: ReadonlyMap<string, string> | undefined): string[] {
  if (renames.length === 0) return [];
  const out = ["### Renames without a move", "", "| Resource | Renamed from | Matched by |", "|---|---|---|"];
  for (const rn of renames) {
    const by = rn.matchedBy === "name" ? `the same name ${code(rn.name ?? "")}` : "the logical id (one construct id differs)";
    out.push(`| ${code(rn.to)} | ${code(rn.from)} | ${by} |`);
  }
  out.push("");
  const groups = new Map<string, Rename[]>();
  for (const rn of renames) {
    const key = rn.idChange ? `${rn.idChange.from}\u0000${rn.idChange.to}` : "";
    groups.set(key, [...(groups.get(key) ?? []), rn]);
  }
  for (const [key, group] of groups) {
    if (key === "") {
      out.push(
        `**Suggested move** for ${group.length} resource(s) whose addresses changed in more than one place: call ${code("moveFromId(<old address>)")} on each (below), or undo the change of address.`,
        "",
      );
    } else {
      const { from, to } = group[0].idChange!;
      const paths = [
        ...new Set(
          group
            .map((rn) => renamedConstructPath(rn.idChange!, constructPaths?.get(rn.to.replace(/\[[^\]]*\]$/, ""))))
            .filter((p): p is string => p !== undefined),
        ),
      ].sort();
      const where =
        paths.length > 0
          ? `the construct${paths.length > 1 ? "s" : ""} at ${paths.map(code).join(", ")}`
          : `the construct now called ${code(to)}`;
      out.push(
        `**Suggested move:** ${code(from)} → ${code(to)} (${group.length} resource(s)): call ${code(`moveFrom(construct, "${from}")`)} on ${where} once built (an environment stack's workload: set ${code("renamedFrom")} to its old key), so each address below moves instead of being destroyed and created. Keep its AWS names as they were, or they are replaced anyway.`,
        "",
      );
    }
    out.push("<details><summary>The moved blocks this writes</summary>", "", "```hcl");
    for (const rn of group) out.push("moved {", `  from = ${rn.from}`, `  to   = ${rn.to}`, "}");
    out.push("```", "", "</details>", "");
  }
  return out;
}

/** Offline: the synthesized addresses next to the base's. */
function baseSection(r: StackReview): string[] {
  const b = r.base!;
  const renamedFrom = new Set(r.renames.map((rn) => rn.from));
  const removed = b.removed.filter((a) => !renamedFrom.has(a));
  const out = [
    `### Compared with the base (${code(b.source)})`,
    "",
    `Planned against an empty state, so the plan itself only creates; against the base${b.withNames ? "" : " (addresses only: no names to check for collisions)"}, this change removes ${b.removed.length} address(es) (${r.renames.length} of them renamed), adds ${b.added.length} and moves ${b.moved.length}.`,
    "",
  ];
  if (removed.length > 0) {
    const protectedRemoved = new Set(r.flags.filter((f) => f.kind === "delete").map((f) => f.address));
    out.push("| Removed (a real plan deletes it) |", "|---|");
    for (const a of removed) out.push(`| ${protectedRemoved.has(a) ? "⛔ " : ""}${code(a)} |`);
    out.push("");
  }
  if (b.moved.length > 0) {
    out.push(`<details><summary>${b.moved.length} moved address(es)</summary>`, "", "| From | To |", "|---|---|");
    for (const m of b.moved) out.push(`| ${code(m.from)} | ${code(m.to)} |`);
    out.push("", "</details>", "");
  }
  return out;
}

/** Terraform's `action_reason` values in words. */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "the object is tainted",
  replace_by_request: "replacement was requested (-replace)",
  replace_by_triggers: "a replace_triggered_by reference changed",
  delete_because_no_resource_config: "removed from the configuration",
  delete_because_no_module: "its module was removed",
  delete_because_wrong_repetition: "count/for_each was added or removed",
  delete_because_count_index: "its count index no longer exists",
  delete_because_each_key: "its for_each key no longer exists",
  delete_because_no_moved_target: "its moved target does not exist",
};

function why(ch: ResourceChangeSummary): string {
  const reason = ch.reason && ch.reason !== "replace_because_cannot_update" ? (REASONS[ch.reason] ?? ch.reason) : "";
  if (ch.action === "replace") {
    const forced = ch.replacedBecause.length > 0 ? `forced by ${ch.replacedBecause.map(code).join(", ")}` : "";
    return [forced, reason].filter(Boolean).join("; ") || "replaced";
  }
  return reason || "deleted";
}

function attributesCell(attributes: readonly AttributeChange[]): string {
  if (attributes.length === 0) return "";
  return attributes
    .map((a) => (a.before === "" && a.after === "" ? a.path : `${code(a.path)}: ${code(a.before)} → ${code(a.after)}`))
    .join("<br>");
}

function policySection(policy: PolicySummary | undefined): string[] {
  const out = ["### Policy findings", ""];
  if (!policy) return [...out, "No policy report (`policy-report.json`) was written for this stack.", ""];
  out.push(`${policy.errors} error(s), ${policy.warnings} warning(s), ${policy.infos} info, ${policy.suppressed} suppressed.`, "");
  if (policy.findings.length > 0) {
    out.push("| Level | Rule | Construct | Finding |", "|---|---|---|---|");
    for (const f of policy.findings)
      out.push(
        `| ${f.severity === "error" ? "❌ error" : f.severity} | ${code(f.ruleId)} | ${f.constructPath ? code(f.constructPath) : ""} | ${markdownCell(f.fix ? `${f.message}. Fix: ${f.fix}` : f.message)} |`,
      );
    out.push("");
  }
  if (policy.suppressions.length > 0) {
    out.push("<details><summary>Suppressed findings</summary>", "", "| Level | Rule | Construct | Reason |", "|---|---|---|---|");
    for (const f of policy.suppressions)
      out.push(
        `| ${f.severity} | ${code(f.ruleId)} | ${f.constructPath ? code(f.constructPath) : ""} | ${markdownCell(f.suppressed!.reason)} |`,
      );
    out.push("", "</details>", "");
  }
  return out;
}

function costSection(cost: CostEstimate | undefined, unavailable: string | undefined): string[] {
  if (!cost) return ["### Monthly cost estimate", "", `Not estimated: ${unavailable}.`, ""];
  const m = (n: number) => money(n, cost.currency);
  const out = [
    `### Monthly cost estimate (${cost.region}, prices ${cost.priceTableVersion})`,
    "",
    `**${m(cost.monthlyBefore)} → ${m(cost.monthlyAfter)} a month (${signedMoney(cost.delta, cost.currency)}).**`,
    "",
  ];
  const row = (i: CostEstimate["items"][number]) =>
    `| ${i.category} | ${code(i.address)} | ${markdownCell(i.quantity)} | ${m(i.before)} | ${m(i.after)} | ${signedMoney(i.delta, cost.currency)} |`;
  const header = ["| Item | Resource | Quantity | Before | After | Change |", "|---|---|---|--:|--:|--:|"];
  const changed = cost.items.filter((i) => i.delta !== 0);
  const unchanged = cost.items.filter((i) => i.delta === 0);
  if (changed.length > 0) out.push(...header, ...changed.map(row), "");
  if (unchanged.length > 0)
    out.push(
      `<details><summary>${unchanged.length} unchanged item(s)</summary>`,
      "",
      ...header,
      ...unchanged.map(row),
      "",
      "</details>",
      "",
    );
  if (cost.notes.length > 0) out.push("Not in the estimate:", "", ...cost.notes.map((n) => `- ${n}`), "");
  out.push("<details><summary>Assumptions</summary>", "", ...cost.assumptions.map((a) => `- ${a}`), "", "</details>", "");
  return out;
}

/** `1234.5` → `$1,234.50` (or `1,234.50 EUR` for other currencies). */
export function money(amount: number, currency: string): string {
  const text = Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = amount < 0 ? "-" : "";
  return currency === "USD" ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}

/** Like {@link money} with an explicit `+` for increases. */
export function signedMoney(amount: number, currency: string): string {
  return amount > 0 ? `+${money(amount, currency)}` : money(amount, currency);
}

/** Inline code safe inside a table cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
