#!/usr/bin/env node
/**
 * `npm test`: the type check (`tsc --noEmit`) and jest, side by side. jest's two workers and the
 * Terraform it starts keep both cores busy, and a type check that runs first would hold the second
 * core idle for its 10-15 s. The type check is incremental (its state in node_modules/.cache), so a
 * run after a small edit checks only what changed. Arguments go to jest (`npm test -- --json`).
 * Exits non-zero when either fails, and prints the whole run's wall time last.
 */
const { spawn } = require("node:child_process");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const started = process.hrtime.bigint();
const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;

function run(name, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    child.on("error", (error) => {
      console.error(`${name}: ${error.message}`);
      resolve({ name, code: 1, seconds: seconds() });
    });
    child.on("exit", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), seconds: seconds() }));
  });
}

const typeCheck = run("tsc --noEmit", [
  require.resolve("typescript/bin/tsc"),
  "--noEmit",
  "-p",
  ROOT,
  "--incremental",
  "--tsBuildInfoFile",
  join(ROOT, "node_modules", ".cache", "cdktf-ecs-platform", "tsc.tsbuildinfo"),
]);
const tests = run("jest", [require.resolve("jest/bin/jest"), ...process.argv.slice(2)]);

Promise.all([typeCheck, tests]).then((results) => {
  const failed = results.filter((r) => r.code !== 0);
  const parts = results.map((r) => `${r.name} ${r.code === 0 ? "passed" : "FAILED"} after ${r.seconds.toFixed(1)} s`).join(", ");
  console.error(`npm test: ${seconds().toFixed(1)} s wall (${parts}, side by side)`);
  process.exit(failed.length > 0 ? failed[0].code : 0);
});
