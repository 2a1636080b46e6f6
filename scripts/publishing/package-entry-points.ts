import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** One conditional export: the declaration file for TypeScript, the compiled module for Node. */
export interface ConditionalExport {
  /** Declaration file, e.g. `./dist/network/index.d.ts`. */
  readonly types: string;
  /** CommonJS module, e.g. `./dist/network/index.js`. */
  readonly default: string;
}

/** The `package.json` fields that make `cdktf-ecs-platform` and `cdktf-ecs-platform/<module>` importable. */
export interface PackageEntryPoints {
  /** The `exports` map: the root, one entry per module, and `./package.json`. */
  readonly exports: Record<string, ConditionalExport | string>;
  /**
   * The `typesVersions` map. TypeScript ignores `exports` under `moduleResolution: node` (the
   * default for `module: commonjs`, and what `cdktf init` projects use); this map lets those
   * consumers resolve the types of `cdktf-ecs-platform/<module>` too.
   */
  readonly typesVersions: Record<string, Record<string, string[]>>;
}

/** Folders directly under `srcDir` that hold an `index.ts`: the modules a consumer can import by name. */
export function moduleFolders(srcDir: string): string[] {
  return readdirSync(srcDir)
    .filter((name) => statSync(join(srcDir, name)).isDirectory() && existsSync(join(srcDir, name, "index.ts")))
    .sort();
}

/** The entry points for a package compiled from `src/` to `dist/` with the given module folders. */
export function entryPointsFor(modules: readonly string[]): PackageEntryPoints {
  const entry = (dir: string): ConditionalExport => ({ types: `./dist/${dir}index.d.ts`, default: `./dist/${dir}index.js` });
  const sorted = [...modules].sort();
  return {
    exports: {
      ".": entry(""),
      ...Object.fromEntries(sorted.map((m) => [`./${m}`, entry(`${m}/`)])),
      "./package.json": "./package.json",
    },
    typesVersions: { "*": Object.fromEntries(sorted.map((m) => [m, [`./dist/${m}/index.d.ts`]])) },
  };
}
