import { markdownCell } from "../core/markdown";
import { UNUSED_SUPPRESSION } from "./evaluate";
import { PLATFORM_RULES } from "./rules";
import { Rule, SeverityLevel } from "./types";

const level = (s: SeverityLevel) => (s === "off" ? "–" : s);

/**
 * The Markdown table of rules in docs/guardrails.md: id, what is required, severity per environment
 * class, the resource types checked, the rationale and the matching ids of other tools. A test keeps
 * the committed table equal to this output.
 */
export function renderRulesTable(rules: readonly Rule[] = PLATFORM_RULES): string {
  const rows = [
    ...rules.map((r) => ({
      ...r,
      types: r.appliesTo.includes("*") ? "every taggable resource" : r.appliesTo.map((t) => `\`${t}\``).join(", "),
    })),
    { ...UNUSED_SUPPRESSION, types: "suppressions" },
  ];
  return [
    "| Rule | Requires | Production | Non-production | Checks | Why | Same as |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.id} | ${markdownCell(r.title)} | ${level(r.severity.production)} | ${level(r.severity.nonProduction)} | ${r.types} | ${markdownCell(r.rationale)} | ${markdownCell(r.references.join(", ") || "–")} |`,
    ),
  ].join("\n");
}
