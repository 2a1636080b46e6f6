import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintTf, stackDirs, tflintArgs } from "../../scripts/lint-tf";

/** A cdktf outdir with the given stacks, each with a cdk.tf.json, plus a directory that is not a stack. */
function outdirWith(...stacks: string[]): string {
  const outdir = mkdtempSync(join(tmpdir(), "lint-tf-"));
  for (const name of stacks) {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "{}");
  }
  mkdirSync(join(outdir, "stacks", "not-a-stack"), { recursive: true });
  return outdir;
}

/** A stand-in `tflint` that records its arguments and reports issues for stacks named "bad". */
function fakeTflint(): { bin: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), "fake-tflint-"));
  const bin = join(dir, "tflint");
  const log = join(dir, "calls.log");
  writeFileSync(bin, `#!/bin/sh\necho "$@" >> "${log}"\ncase "$*" in *stacks/bad*) exit 2;; esac\nexit 0\n`);
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(log, "utf8").trim().split("\n") };
}

const root = join(__dirname, "..", "..");

describe("lint-tf", () => {
  test("prints a clear skip and succeeds when tflint is not installed", () => {
    const lines: string[] = [];
    expect(lintTf({ env: { ...process.env, TFLINT_BIN: "/nonexistent/tflint" }, log: (l) => lines.push(l), root })).toBe(0);
    expect(lines).toEqual(["tflint not found, skipped (install TFLint, or set TFLINT_BIN, to lint the synthesized stacks)"]);
  });

  test("initialises the plugins once, then lints each synthesized stack with the committed .tflint.hcl", () => {
    const tflint = fakeTflint();
    const outdir = outdirWith("dev", "prod");
    const lines: string[] = [];
    expect(
      lintTf({
        env: { ...process.env, TFLINT_BIN: tflint.bin },
        outdir,
        extraArgs: ["--format", "sarif"],
        log: (l) => lines.push(l),
        root,
      }),
    ).toBe(0);
    const config = join(root, ".tflint.hcl");
    expect(tflint.calls()).toEqual([
      "--version",
      `--init --config ${config}`,
      `--chdir ${join(outdir, "stacks", "dev")} --config ${config} --format sarif`,
      `--chdir ${join(outdir, "stacks", "prod")} --config ${config} --format sarif`,
    ]);
    expect(lines[lines.length - 1]).toBe("tflint: 2 stack(s) clean");
  });

  test("fails when tflint reports issues in any stack", () => {
    const tflint = fakeTflint();
    const lines: string[] = [];
    expect(
      lintTf({ env: { ...process.env, TFLINT_BIN: tflint.bin }, outdir: outdirWith("bad", "good"), log: (l) => lines.push(l), root }),
    ).toBe(1);
    expect(lines[lines.length - 1]).toBe("tflint: issues in 1 of 2 stack(s)");
  });

  test("fails, saying to synthesize first, when there are no stacks", () => {
    const tflint = fakeTflint();
    const outdir = mkdtempSync(join(tmpdir(), "lint-tf-empty-"));
    const lines: string[] = [];
    expect(lintTf({ env: { ...process.env, TFLINT_BIN: tflint.bin }, outdir, log: (l) => lines.push(l), root })).toBe(1);
    expect(lines).toEqual([`no synthesized stacks in ${outdir}; run \`npm run synth\` first`]);
  });

  test("finds only directories holding a cdk.tf.json, and builds per-stack arguments", () => {
    const outdir = outdirWith("b", "a");
    expect(stackDirs(outdir)).toEqual([join(outdir, "stacks", "a"), join(outdir, "stacks", "b")]);
    expect(tflintArgs("/out/stacks/a", "/repo/.tflint.hcl")).toEqual(["--chdir", "/out/stacks/a", "--config", "/repo/.tflint.hcl"]);
  });
});
