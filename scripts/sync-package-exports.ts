/**
 * Rewrites `exports` and `typesVersions` in package.json from the module folders under `src/`
 * that hold an `index.ts`, leaving every other field as it is. Run it after adding a module:
 * `npx tsx scripts/sync-package-exports.ts` (`__tests__/publishing` fails until you do).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { entryPointsFor, moduleFolders } from "./publishing/package-entry-points";

const root = join(__dirname, "..");
const file = join(root, "package.json");
const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const { exports, typesVersions } = entryPointsFor(moduleFolders(join(root, "src")));
// Assigning existing keys keeps their position, so the diff shows only what changed.
manifest.exports = exports;
manifest.typesVersions = typesVersions;
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `package.json: exports for ${Object.keys(exports)
    .filter((k) => k !== "." && k !== "./package.json")
    .join(", ")}`,
);
