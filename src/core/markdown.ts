/*
 * Text for Markdown tables, shared by the guardrails' rules table and the plan review's report.
 */

/** `&`, `<` and `>` as HTML entities, so text from a plan or a rule cannot open a tag in the rendered Markdown. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text safe inside one Markdown table cell: HTML escaped, `|` escaped, line breaks folded to spaces. */
export function markdownCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
