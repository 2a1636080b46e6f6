/**
 * One measured synthesis, run as compiled JavaScript in its own process so peak memory is its own:
 *   node synth-child.js envs [name ...]   environment stacks (all when no names)
 *   node synth-child.js services <count>  the generated stack with <count> services
 *   node synth-child.js groups <count> <n> the same services as a platform stack and <n> group stacks
 * Prints one JSON line: { synthSeconds, cpuSeconds, maxRssMiB, resources, outdir }.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { loadEnvironments } from "../../stacks/environments";
import { synthesizeApp } from "../../stacks/fast-synthesis";
import { buildGeneratedSplit, buildGeneratedStack } from "./generated-stack";

// Like stacks/main.ts, synthesis runs from a fresh call stack (setImmediate), outside the module
// loader's frames, which every token's creation stack trace would otherwise carry.
setImmediate(() => {
  const started = performance.now();
  const [mode, ...args] = process.argv.slice(2);
  const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  // Policy summaries go to stdout; keep the JSON line the last thing printed.
  const log = console.log;
  console.log = () => undefined;
  // `PLATFORM_SYNTH` in the environment selects the mode, as for the app (single-pass by default).
  synthesizeApp(() => {
    const app = new App({ outdir });
    if (mode === "envs") {
      const all = loadEnvironments({});
      const selected = args.length > 0 ? all.filter((e) => args.includes(e.name)) : all;
      for (const config of selected) new EnvironmentStack(app, config);
    } else if (mode === "services") {
      buildGeneratedStack(app, Number(args[0]));
    } else if (mode === "groups") {
      buildGeneratedSplit(app, Number(args[0]), Number(args[1]));
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
    return app;
  });
  console.log = log;
  const synthSeconds = (performance.now() - started) / 1000;
  let resources = 0;
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName as object).length;
  }
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  console.log(JSON.stringify({ synthSeconds, cpuSeconds, maxRssMiB: usage.maxRSS / 1024, resources, outdir }));
});
