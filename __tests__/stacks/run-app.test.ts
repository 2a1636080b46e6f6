import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `scripts/run-app.cjs` (cdktf.json's app, `npm run synth`) runs a cached bundle of the app. These
 * tests run it in a copy of the project and edit the copy, so they prove what a user relies on:
 * an edit to a config or to the library is synthesized on the very next run, never a stale bundle.
 */
const ROOT = join(__dirname, "..", "..");
let project: string;

function runApp(extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: join(project, "cdktf.out"), CHECKPOINT_DISABLE: "1", ...extraEnv };
  delete env.PLATFORM_APP_CACHE_DIR;
  delete env.PLATFORM_APP_REBUILD;
  return spawnSync(process.execPath, ["scripts/run-app.cjs"], { cwd: project, encoding: "utf8", env });
}

function synth(): { stderr: string; dev: any; manifest: { bundle: string } } {
  const result = runApp();
  if (result.status !== 0) throw new Error(`run-app failed (${result.status}):\n${result.stderr}`);
  return {
    stderr: result.stderr,
    dev: JSON.parse(readFileSync(join(project, "cdktf.out", "stacks", "dev", "cdk.tf.json"), "utf8")),
    manifest: JSON.parse(readFileSync(join(project, ".app-build", "manifest.json"), "utf8")),
  };
}

const costCenter = (stack: any): string => stack.provider.aws[0].default_tags[0].tags.CostCenter;

function edit(file: string, from: string, to: string): void {
  const path = join(project, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "run-app-"));
  for (const entry of ["src", "stacks", "scripts/run-app.cjs", "tsconfig.json", "package.json", "package-lock.json"]) {
    cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("scripts/run-app.cjs", () => {
  test("bundles on the first synth, then reuses the bundle while nothing changed", () => {
    const first = synth();
    expect(first.stderr).toMatch(/bundled stacks\/main\.ts/);
    expect(costCenter(first.dev)).toBe("cc-1001");
    // The bundle's key covers the config and library sources it was built from.
    expect(first.manifest.bundle).toMatch(/^main-[0-9a-f]{16}\.cjs$/);
    expect(first.manifest).toHaveProperty("inputs", expect.arrayContaining(["stacks/environments/dev.ts", "src/index.ts"]));

    const second = synth();
    expect(second.stderr).not.toMatch(/bundled/);
    expect(second.manifest.bundle).toBe(first.manifest.bundle);
  });

  test("an edited environment config is synthesized on the next run", () => {
    const before = synth();
    edit("stacks/environments/dev.ts", 'tags: { Environment: "dev" }', 'tags: { Environment: "dev", CostCenter: "cc-2002" }');
    const after = synth();
    expect(after.stderr).toMatch(/bundled/);
    expect(costCenter(after.dev)).toBe("cc-2002");
    expect(after.manifest.bundle).not.toBe(before.manifest.bundle);
  });

  test("an edit to the library rebuilds the bundle, and a synthesis error fails the run with the construct's message", () => {
    const before = JSON.parse(readFileSync(join(project, ".app-build", "manifest.json"), "utf8"));
    edit("src/core/errors.ts", "export class ValidationError", "// edited\nexport class ValidationError");
    edit("stacks/environments/dev.ts", "logRetentionDays: 7,", "logRetentionDays: 8,");
    const result = runApp();
    expect(result.stderr).toMatch(/bundled/);
    expect(JSON.parse(readFileSync(join(project, ".app-build", "manifest.json"), "utf8")).bundle).not.toBe(before.bundle);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/logRetentionDays/);
  });

  test("bad input fails the run with its message only, no stack trace", () => {
    const result = runApp({ PLATFORM_SYNTH: "quick" });
    expect(result.status).toBe(1);
    // Only the runner's own line about a rebuild may come before it.
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("run-app: bundled"));
    expect(lines.join("\n")).toBe(
      'stacks/fast-synthesis: invalid PLATFORM_SYNTH "quick": expected "single-pass", "fast", "upstream" [APP_SYNTH_MODE]',
    );
  });
});
