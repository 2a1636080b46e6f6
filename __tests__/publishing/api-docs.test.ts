import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");

/** Runs scripts/check-api-docs.ts on a fixture project; returns its exit code and report lines. */
async function checkFixture(name: string, ...args: string[]): Promise<{ code: number; lines: string[] }> {
  const options = join(__dirname, "fixtures", name, "typedoc.json");
  const tsx = join(root, "node_modules", ".bin", "tsx");
  const result = await run(tsx, [join(root, "scripts", "check-api-docs.ts"), "--options", options, ...args], { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  return { code: result.code, lines: result.stdout.split("\n").filter((l) => l && !l.includes("Loaded plugin")) };
}

describe("check-api-docs", () => {
  // Both TypeDoc runs at once: each takes a few seconds.
  const results = Promise.all([checkFixture("api-docs-gaps"), checkFixture("api-docs-clean", "--up-to-date")]);

  test("fails and names every undocumented export and public member", async () => {
    const [gaps] = await results;
    expect(gaps.code).toBe(1);
    expect(gaps.lines.filter((l) => l.startsWith("undocumented:"))).toEqual([
      "undocumented: undocumentedFunction",
      "undocumented: Widget.widgetArn",
      "undocumented: WidgetProps.name",
    ]);
  });

  test("names optional settings without @default, nested and inline ones too, but not fields of a document handed over", async () => {
    const [gaps] = await results;
    expect(gaps.lines.filter((l) => l.startsWith("no @default:"))).toEqual([
      "no @default:   NestedSettings.depth",
      "no @default:   Widget.resize.options.memoryMiB",
      "no @default:   WidgetProps.colour",
    ]);
  });

  test("fails on TypeDoc's own findings: a broken link and a type the API uses but does not export", async () => {
    const [gaps] = await results;
    const typedoc = gaps.lines.filter((l) => l.startsWith("typedoc:"));
    expect(typedoc).toHaveLength(2);
    expect(typedoc.join("\n")).toContain('Failed to resolve link to "Missing" in comment for LINKED');
    expect(typedoc.join("\n")).toContain("Hidden, defined in");
    expect(gaps.lines.at(-1)).toBe("API docs: 3 undocumented, 3 without @default, 2 TypeDoc warnings");
  });

  test("finds nothing in a documented project, and with --up-to-date fails when the generated reference is missing", async () => {
    const [, clean] = await results;
    expect(clean.code).toBe(1);
    expect(clean.lines).toEqual([
      "__tests__/publishing/fixtures/api-docs-clean/api-not-generated is out of date, run `npm run docs`:",
      "  + README.md",
      "  + classes/Gadget.md",
      "  + interfaces/GadgetProps.md",
      "API docs: 0 undocumented, 0 without @default, 0 TypeDoc warnings, generated docs out of date",
    ]);
  });
});
