/**
 * Offline Terraform check of synthesized stacks: init and plan -refresh=false (which validates) with a local
 * backend and mock credentials. Usage: `npm run tf:check -- [stack ...] [--out <dir>]`
 * (default: every stack in cdktf.out). With --out, each plan's JSON is written to <dir>/<stack>.plan.json.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine } from "./command-line";
import { checkStacksOffline, findProviderMirror, TerraformCheckError } from "../src/terraform";

async function main(): Promise<number> {
  const { values, positionals: names } = parseCommandLine("npm run tf:check -- [stack ...] [--out <dir>]", {
    options: { out: { type: "string" } },
    allowPositionals: true,
  });
  const outDir = values.out;
  const stacksDir = join(process.cwd(), "cdktf.out", "stacks");
  if (!existsSync(stacksDir)) {
    console.error("cdktf.out/stacks not found: run `npm run synth` first");
    return 2;
  }
  const stacks = names.length > 0 ? names : readdirSync(stacksDir).sort();
  const mirror = findProviderMirror();
  console.log(`provider source: ${mirror ? `filesystem mirror ${mirror}` : "public registry"}`);
  try {
    const results = await checkStacksOffline(
      stacks.map((s) => join(stacksDir, s)),
      { lockFile: join(__dirname, "..", ".terraform.lock.hcl") },
    );
    const t = Object.entries(results[0]?.timings ?? {})
      .map(([k, v]) => `${k} ${v.toFixed(1)}s`)
      .join(", ");
    console.log(`terraform: ${t}${results.length > 1 ? " (all stacks in one run)" : ""}`);
    for (const r of results) {
      const changes = r.plan?.resource_changes?.length ?? 0;
      console.log(`ok  ${r.stack}: valid, plan has ${changes} resource changes`);
      if (outDir && r.plan) {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(join(outDir, `${r.stack}.plan.json`), JSON.stringify(r.plan));
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof TerraformCheckError) {
      console.error(`FAIL ${error.stackName}: terraform ${error.stage}\n${error.output}`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => process.exit(code));
