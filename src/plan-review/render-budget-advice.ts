import type { BudgetComparison, CostAdvice } from "./budget-advice";

/** The report's budget and advice sections of one stack; nothing when there is neither. */
export function budgetAndAdviceSection(
  budgets: readonly BudgetComparison[] | undefined,
  advice: readonly CostAdvice[] | undefined,
  money: (amount: number, currency: string) => string,
): string[] {
  const out: string[] = [];
  if (budgets && budgets.length > 0) {
    out.push("### Budgets", "");
    const exceeded = budgets.filter((b) => b.status === "exceeded");
    if (exceeded.length > 0) {
      out.push(
        "> [!WARNING]",
        `> **The monthly estimate exceeds ${exceeded.length} budget(s)** (a flag for the reviewer; the gate does not fail on it):`,
      );
      for (const b of exceeded) {
        out.push(
          `> - \`${b.name}\`: ${money(b.estimate!, b.currency)} estimated against a limit of ${money(b.limit, b.currency)} (${percent(b)}).`,
        );
      }
      out.push("");
    }
    out.push("| Budget | Counts | Limit | Estimate | Status |", "|---|---|--:|--:|---|");
    for (const b of budgets) {
      const counts = b.scope === "ecs" ? "ECS (Fargate) cost" : "the stack's tagged cost";
      const estimate = b.estimate === undefined ? "–" : money(b.estimate, b.currency);
      const status =
        b.status === "exceeded"
          ? `⚠️ exceeded (${percent(b)})`
          : b.status === "within"
            ? `within (${percent(b)})`
            : `not compared: ${b.reason}`;
      out.push(`| \`${b.name}\` | ${counts} | ${money(b.limit, b.currency)} | ${estimate} | ${status} |`);
    }
    out.push(
      "",
      "The estimate is a lower bound of what a budget counts: AWS Budgets also counts usage-priced items and any other resource carrying the budget's tag.",
      "",
    );
  }
  if (advice && advice.length > 0) {
    out.push("### Cost advice", "");
    for (const a of advice) out.push(`- ${a.message} _Assumes: ${a.assumption}_`);
    out.push("");
  }
  return out;
}

function percent(b: BudgetComparison): string {
  return b.estimate === undefined || b.limit === 0 ? "n/a" : `${Math.round((b.estimate / b.limit) * 100)} % of the limit`;
}
