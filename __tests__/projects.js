// @ts-check
/**
 * The jest projects `npm test` runs (see jest.config.js and docs/testing.md), and which test file
 * belongs to which. One rule, used by the config and by the test sequencer:
 *
 * - `publishing`: `__tests__/publishing/` — the package as it ships: build, pack, TypeDoc, a real
 *   private registry.
 * - `offline`: files that need Terraform with the real provider: `*.offline.test.ts` and any file
 *   that reads the combined offline plans (`offline-plans`), builds prior states (`prior-state`,
 *   the change-safety harness's `planEdits`) or runs the offline checker (`checkStackOffline`,
 *   `checkStacksOffline`).
 * - `unit`: everything else; it never starts Terraform (`__tests__/unit-guard.ts` fails a test
 *   that tries), so `npx jest --selectProjects unit` needs neither Terraform nor the provider.
 */
const { readdirSync, readFileSync } = require("node:fs");
const { join, relative, sep } = require("node:path");

const TESTS = __dirname;
const ROOT = join(TESTS, "..");

/** A file that reads the combined offline plans; the sequencer runs these last. */
const READS_PLANS = /offline[/-]offline-plans|\.offline\.test\.ts$/;
const NEEDS_TERRAFORM = /offline[/-]offline-plans|offline\/prior-state|\bplanEdits\b|\bcheckStacks?Offline\b/;

/** @param {string} file */
function source(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** @param {string} file absolute path of a test file */
function readsOfflinePlans(file) {
  return /\.offline\.test\.ts$/.test(file) || READS_PLANS.test(source(file));
}

/**
 * @param {string} file absolute path of a test file
 * @returns {"unit" | "offline" | "publishing"}
 */
function projectOf(file) {
  const path = relative(TESTS, file).split(sep).join("/");
  if (path.startsWith("publishing/")) return "publishing";
  if (/\.offline\.test\.ts$/.test(path) || NEEDS_TERRAFORM.test(source(file))) return "offline";
  return "unit";
}

/** @param {string} dir @returns {string[]} */
function testFiles(dir = TESTS) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The test files of each project, as paths relative to the repository root. */
function projectFiles() {
  /** @type {Record<"unit" | "offline" | "publishing", string[]>} */
  const files = { unit: [], offline: [], publishing: [] };
  for (const file of testFiles().sort()) files[projectOf(file)].push(relative(ROOT, file).split(sep).join("/"));
  return files;
}

module.exports = { projectOf, projectFiles, readsOfflinePlans };
