import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

/**
 * Whether the caret range `range` (`^1.2.3`, `^0.21.0`) admits `version`, with npm's rules: the
 * leftmost non-zero part is fixed. Only caret ranges are used for this package's peers.
 */
export function caretAllows(range: string, version: string): boolean {
  const parse = (v: string) => v.split(".").map((n) => Number.parseInt(n, 10));
  if (!range.startsWith("^")) throw new Error(`not a caret range: ${range}`);
  const [lo, v] = [parse(range.slice(1)), parse(version)];
  const fixed = lo[0] !== 0 ? 1 : lo[1] !== 0 ? 2 : 3;
  for (let i = 0; i < fixed; i++) if (v[i] !== lo[i]) return false;
  for (let i = fixed; i < 3; i++) if (v[i] !== lo[i]) return v[i] > lo[i];
  return true;
}

/** The lowest version a `>=x.y.z` range admits, as `[x, y, z]`. */
export function minimumOf(range: string): [number, number, number] {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`not a ">=x.y.z" range: ${range}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Package names a module specifier refers to: `@scope/name/deep/path` → `@scope/name`; relative and built-in → undefined. */
export function packageOf(specifier: string): string | undefined {
  if (
    specifier.startsWith(".") ||
    specifier.startsWith("/") ||
    specifier.startsWith("node:") ||
    builtinModules.includes(specifier.split("/")[0])
  )
    return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Every package the TypeScript under `dir` imports or re-exports, type-only imports included (the
 * published declarations name those too, so consumers need them to type-check).
 */
export function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|\brequire\(\s*"([^"]+)"\s*\)|\bimport\(\s*"([^"]+)"\s*\)/g;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) {
        for (const m of readFileSync(path, "utf8").matchAll(pattern)) {
          const pkg = packageOf(m[1] ?? m[2] ?? m[3]);
          if (pkg) found.add(pkg);
        }
      }
    }
  };
  walk(dir);
  return found;
}
