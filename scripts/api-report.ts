/**
 * Writes the API report, `api/<entry>.txt`, one file per package entry point listing the names a
 * consumer can import: `npx tsx scripts/api-report.ts`. With `--check` it writes nothing and fails,
 * showing the added and removed names, when the checked-in report differs from the sources.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { apiReports, reportDiff, reportText } from "./publishing/api-report";

const root = join(__dirname, "..");
const dir = join(root, "api");

function main(): number {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } }, strict: true });
  const reports = apiReports(root);
  const leaks = reports.flatMap((r) => r.internalLeaks.map((name) => `${r.entry}: ${name}`));
  if (leaks.length > 0) {
    console.error(
      `exported from a barrel but marked @internal (the build strips it, leaving a broken re-export):\n  ${leaks.join("\n  ")}`,
    );
    return 1;
  }
  const wanted = new Map(reports.map((r) => [r.file, reportText(r)]));
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".txt")) : [];
  if (values.check) {
    const problems: string[] = [];
    for (const [file, text] of wanted) {
      const before = present.includes(file) ? readFileSync(join(dir, file), "utf8") : "";
      if (before !== text) problems.push(`api/${file}:`, ...reportDiff(before, text).map((l) => `  ${l}`));
    }
    for (const file of present.filter((f) => !wanted.has(f))) problems.push(`api/${file}: no such entry point any more`);
    if (problems.length > 0) {
      console.error(`The public API changed; run \`npx tsx scripts/api-report.ts\` and review the diff:\n${problems.join("\n")}`);
      return 1;
    }
    console.log(`API report up to date: ${reports.map((r) => `${r.entry} ${r.lines.length}`).join(", ")}`);
    return 0;
  }
  mkdirSync(dir, { recursive: true });
  for (const file of present.filter((f) => !wanted.has(f))) rmSync(join(dir, file));
  for (const [file, text] of wanted) writeFileSync(join(dir, file), text);
  console.log(`api/: ${reports.map((r) => `${r.file} (${r.lines.length})`).join(", ")}`);
  return 0;
}

process.exit(main());
