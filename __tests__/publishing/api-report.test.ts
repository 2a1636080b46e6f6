import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiReports, reportDiff, reportText } from "../../scripts/publishing/api-report";

/**
 * The public API, pinned: `api/<entry>.txt` lists what each entry point exports. When this fails the
 * surface changed; if that was meant, run `npx tsx scripts/api-report.ts` and commit the diff.
 */
const root = join(__dirname, "..", "..");
const reports = apiReports(root);
const byEntry = new Map(reports.map((r) => [r.entry, r]));
const names = (entry: string) => new Set(byEntry.get(entry)!.lines.map((l) => l.split(" ")[1]));

describe("API report", () => {
  test.each(reports.map((r) => [r.entry, r] as const))("%s matches its checked-in api/ file", (_entry, report) => {
    const file = join(root, "api", report.file);
    const checkedIn = existsSync(file) ? readFileSync(file, "utf8") : "";
    expect({ file: `api/${report.file}`, diff: reportDiff(checkedIn, reportText(report)) }).toEqual({
      file: `api/${report.file}`,
      diff: [],
    });
  });

  test("no entry point re-exports an @internal declaration (the build strips those, the re-export would break)", () => {
    expect(reports.filter((r) => r.internalLeaks.length > 0).map((r) => [r.entry, r.internalLeaks])).toEqual([]);
  });

  test("the root exports constructs, their props and types, presets and ValidationError; helpers stay in their modules", () => {
    const functions = byEntry.get(".")!.lines.filter((l) => l.startsWith("function "));
    // The calls a stack makes: its account, the provider range, the guardrails and a suppression.
    expect(functions).toEqual(["function applyPolicies", "function suppress", "function useAwsAccount", "function useAwsProviderRange"]);
    expect(names(".").has("ValidationError")).toBe(true);
  });

  test("the tooling has its own entry points and nothing of it reaches the root", () => {
    const rootNames = names(".");
    for (const tool of ["./plan-review", "./terraform"])
      expect([tool, [...names(tool)].filter((n) => rootNames.has(n))]).toEqual([tool, []]);
  });

  test("every root name comes from a module entry point, so `cdktf-ecs-platform/<module>` imports it too", () => {
    const moduleNames = new Set(reports.filter((r) => r.entry !== ".").flatMap((r) => [...names(r.entry)]));
    expect([...names(".")].filter((n) => !moduleNames.has(n))).toEqual([]);
  });
});
