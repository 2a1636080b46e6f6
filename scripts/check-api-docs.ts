/**
 * Fails on a gap in the API reference: `tsx scripts/check-api-docs.ts [--up-to-date] [--options <typedoc.json>]`.
 *
 * - every exported declaration, and every public member of an exported class, interface or enum,
 *   has a description; every optional property a caller can set says its default with `@default`
 *   (see scripts/publishing/api-docs.ts);
 * - TypeDoc itself has nothing to warn about: no broken `{@link}`, no type used by the public API
 *   that is not exported, no malformed comment;
 * - with `--up-to-date`, the checked-in Markdown in `docs/api` is what `npm run docs` generates now.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseCommandLine } from "./command-line";
import { ApiDocProblem, findApiDocProblems } from "./publishing/api-docs";

/**
 * TypeDoc's root module as TypeScript sees it. TypeDoc describes its types through `exports` and
 * `#imports`, which this repository's node10 module resolution does not read, so the type is put
 * together from the declaration files of the parts used here.
 */
type TypeDoc = typeof import("typedoc/dist/types/index") &
  typeof import("typedoc/dist/types/models/index") &
  typeof import("typedoc/dist/types/utils-common");

function listFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : [join(d, name)]));
  try {
    return walk(dir)
      .map((f) => relative(dir, f))
      .sort();
  } catch {
    return [];
  }
}

/** Files that differ between the checked-in reference and a fresh one, as `+ added`, `- removed`, `~ changed`. */
function staleFiles(checkedIn: string, fresh: string): string[] {
  const before = new Set(listFiles(checkedIn));
  const after = new Set(listFiles(fresh));
  return [
    ...[...after].filter((f) => !before.has(f)).map((f) => `+ ${f}`),
    ...[...before].filter((f) => !after.has(f)).map((f) => `- ${f}`),
    ...[...after]
      .filter((f) => before.has(f) && readFileSync(join(checkedIn, f), "utf8") !== readFileSync(join(fresh, f), "utf8"))
      .map((f) => `~ ${f}`),
  ];
}

async function main(): Promise<number> {
  const { values } = parseCommandLine("tsx scripts/check-api-docs.ts [--up-to-date] [--options <typedoc.json>]", {
    options: { "up-to-date": { type: "boolean", default: false }, options: { type: "string", default: "typedoc.json" } },
  });
  const optionsFile = resolve(values.options);
  // TypeDoc is an ES module and loads its plugins with import(); importing it the same way keeps
  // one copy of it in the process.
  const td = (await import("typedoc" as string)) as TypeDoc;
  const app = await td.Application.bootstrapWithPlugins({ options: optionsFile }, [
    new td.TypeDocReader(),
    new td.PackageJsonReader(),
    new td.TSConfigReader(),
  ]);
  const messages: string[] = [];
  class CollectingLogger extends td.Logger {
    log(message: string, level: number): void {
      if (level >= td.LogLevel.Warn) messages.push(message);
    }
  }
  app.logger = new CollectingLogger();
  const project = await app.convert();
  if (!project) {
    console.error(`TypeDoc could not convert the project:\n${messages.join("\n")}`);
    return 1;
  }
  app.validate(project);
  const problems: ApiDocProblem[] = findApiDocProblems(project, td.ReflectionKind);

  let stale: string[] = [];
  const outDir = resolve(app.options.getValue("out"));
  if (values["up-to-date"]) {
    const fresh = mkdtempSync(join(tmpdir(), "api-docs-"));
    try {
      app.options.setValue("out", fresh);
      await app.generateOutputs(project);
      stale = staleFiles(outDir, fresh);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }

  for (const p of problems) console.log(`${p.kind === "undocumented" ? "undocumented:" : "no @default:  "} ${p.name}`);
  for (const m of messages) console.log(`typedoc:       ${m}`);
  if (stale.length > 0)
    console.log(`${relative(process.cwd(), outDir)} is out of date, run \`npm run docs\`:\n${stale.map((s) => `  ${s}`).join("\n")}`);
  const total = problems.length + messages.length + (stale.length > 0 ? 1 : 0);
  const count = (kind: ApiDocProblem["kind"]) => problems.filter((p) => p.kind === kind).length;
  console.log(
    total === 0
      ? "API docs: every public export documented, every optional prop has @default"
      : `API docs: ${count("undocumented")} undocumented, ${count("no-default")} without @default, ${messages.length} TypeDoc warnings${stale.length > 0 ? ", generated docs out of date" : ""}`,
  );
  return total === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
