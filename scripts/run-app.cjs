#!/usr/bin/env node
/**
 * The cdktf app's entry point: `cdktf.json`'s "app" and `npm run synth` run this file with plain
 * `node`. It runs `stacks/main.ts` from one esbuild bundle of the app, the library and its
 * dependencies, instead of compiling TypeScript on every synth with tsx: no TypeScript loader to
 * start, one file to load instead of ~600, and no source-map support (which makes every stack
 * trace cdktf captures for its tokens about four times dearer). See docs/performance.md.
 *
 * The bundle is rebuilt whenever what it was built from changed, so an edited config never
 * synthesizes stale output: the key is a SHA-256 of every local source file esbuild read (hashed
 * from the very bytes it compiled), plus package.json, the lock files and tsconfig.json (for
 * dependencies and compiler settings) and this file. Checking the key costs a few milliseconds.
 *
 * Environment: PLATFORM_APP_CACHE_DIR moves the bundle folder (default `.app-build/`);
 * PLATFORM_APP_REBUILD=1 forces a rebuild. Types are not checked here (neither did tsx):
 * `npx tsc --noEmit` and `npm test` do that. For stack traces that name the TypeScript sources,
 * run with NODE_OPTIONS=--enable-source-maps (the bundle links its source map).
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const ENTRY = "stacks/main.ts";
const CACHE_DIR = path.resolve(process.env.PLATFORM_APP_CACHE_DIR || path.join(ROOT, ".app-build"));
const MANIFEST = path.join(CACHE_DIR, "manifest.json");
/** Bumped when the build settings below change, so an old bundle is never reused. */
const FORMAT = 1;
/** Inputs that are not sources esbuild reads but change what a build would produce. */
const SETTINGS_FILES = ["package.json", "package-lock.json", "node_modules/.package-lock.json", "tsconfig.json", "scripts/run-app.cjs"];

function hashFiles(files, contentOf) {
  const hash = createHash("sha256").update(`format ${FORMAT}\0`);
  for (const file of files) {
    let content;
    try {
      content = contentOf(file);
    } catch {
      content = "\0missing\0";
    }
    hash.update(`${file}\0`).update(content).update("\0");
  }
  return hash.digest("hex");
}

const readInput = (file) => fs.readFileSync(path.join(ROOT, file));

/** The bundle of a previous build, if nothing it was built from has changed since. */
function upToDateBundle() {
  if (process.env.PLATFORM_APP_REBUILD === "1") return undefined;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.inputs)) return undefined;
  const bundle = path.join(CACHE_DIR, manifest.bundle);
  if (!fs.existsSync(bundle)) return undefined;
  return hashFiles(manifest.inputs, readInput) === manifest.key ? bundle : undefined;
}

async function build() {
  const esbuild = require("esbuild");
  // Hash each local source from the bytes esbuild compiles, so an edit made during the build
  // changes the key instead of being recorded as built.
  const sources = new Map();
  const hashSources = {
    name: "hash-sources",
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.split(path.sep).includes("node_modules")) return undefined;
        const contents = fs.readFileSync(args.path);
        sources.set(path.relative(ROOT, args.path).split(path.sep).join("/"), contents);
        return { contents, loader: args.path.endsWith(".ts") ? "ts" : "js" };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: path.join(CACHE_DIR, "main.cjs"),
    write: false,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    // Class and function names stay as written: error messages and construct metadata print them.
    keepNames: true,
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "error",
    plugins: [hashSources],
  });
  const settings = new Map(SETTINGS_FILES.map((file) => [file, readOrMissing(file)]));
  const inputs = [...SETTINGS_FILES, ...[...sources.keys()].sort()];
  const key = hashFiles(inputs, (file) => {
    const content = sources.get(file) ?? settings.get(file);
    if (content === undefined) throw new Error("missing");
    return content;
  });
  const bundleName = `main-${key.slice(0, 16)}.cjs`;
  const bundle = path.join(CACHE_DIR, bundleName);
  const code = result.outputFiles.find((f) => f.path.endsWith(".cjs")).text;
  const map = result.outputFiles.find((f) => f.path.endsWith(".map")).contents;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written under a temporary name, then renamed (atomic): a synth running at the same time sees
  // the old bundle or the new one, never half of one.
  const temp = path.join(CACHE_DIR, `build-${process.pid}.tmp`);
  fs.writeFileSync(`${temp}.map`, map);
  fs.renameSync(`${temp}.map`, `${bundle}.map`);
  fs.writeFileSync(temp, code.replace(/sourceMappingURL=\S+\s*$/, `sourceMappingURL=${bundleName}.map\n`));
  fs.renameSync(temp, bundle);
  const manifestTemp = `${MANIFEST}.${process.pid}`;
  fs.writeFileSync(manifestTemp, `${JSON.stringify({ format: FORMAT, key, bundle: bundleName, inputs }, null, 2)}\n`);
  fs.renameSync(manifestTemp, MANIFEST);
  for (const file of fs.readdirSync(CACHE_DIR)) {
    if (file.startsWith("main-") && !file.startsWith(bundleName)) fs.rmSync(path.join(CACHE_DIR, file), { force: true });
  }
  return bundle;
}

function readOrMissing(file) {
  try {
    return readInput(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs the bundle like `require` would, but with V8's code cache beside it: the first run saves the
 * compiled code (after synthesis, so lazily compiled functions are in it), later runs skip parsing
 * and compiling the 4 MB bundle. A cache V8 rejects (another Node version) is rewritten.
 */
function runBundle(bundle) {
  const vm = require("node:vm");
  const Module = require("node:module");
  const cacheFile = `${bundle}.v8-cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => {
      try {
        const temp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(temp, script.createCachedData());
        fs.renameSync(temp, cacheFile);
      } catch {
        // The cache is an optimisation; a read-only checkout runs without it.
      }
    });
  }
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(bundle));
  const bundleRequire = Module.createRequire(bundle);
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, path.dirname(bundle));
}

const upToDate = upToDateBundle();
if (upToDate) {
  runBundle(upToDate);
} else {
  const started = Date.now();
  build().then(
    (bundle) => {
      process.stderr.write(`run-app: bundled ${ENTRY} in ${Date.now() - started} ms (its sources changed since the last build)\n`);
      runBundle(bundle);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
