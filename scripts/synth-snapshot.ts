/**
 * Synthesizes every stack the suite plans offline (environments, examples, module stacks) into one
 * folder, so a refactor can prove it leaves the Terraform unchanged:
 *   npx tsx scripts/synth-snapshot.ts /tmp/before   # on the old commit
 *   npx tsx scripts/synth-snapshot.ts /tmp/after    # on the new one
 *   diff -r /tmp/before /tmp/after
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { OFFLINE_STACKS } from "../__tests__/offline/registry";

const target = process.argv[2];
if (!target) {
  console.error("usage: tsx scripts/synth-snapshot.ts <folder>");
  process.exit(64);
}
const outdir = mkdtempSync(join(tmpdir(), "synth-snapshot-"));
rmSync(resolve(target), { recursive: true, force: true });
mkdirSync(resolve(target), { recursive: true });
const app = new App({ outdir });
for (const build of OFFLINE_STACKS) build(app);
app.synth();
// One pretty-printed file per stack: a diff then names the resource and the line that moved.
const stacksDir = join(outdir, "stacks");
for (const stack of readdirSync(stacksDir)) {
  const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8"));
  writeFileSync(resolve(target, `${stack}.tf.json`), `${JSON.stringify(json, null, 2)}\n`);
}
const count = readdirSync(stacksDir).length;
rmSync(outdir, { recursive: true, force: true });
console.log(`${count} stacks written to ${resolve(target)}`);
