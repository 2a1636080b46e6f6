import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { createRunDir, RUN_TMPDIR_ENV, RUN_TMPDIR_PREFIX } from "./global-setup";
import { removeRunDir } from "./global-teardown";
import { OFFLINE_PLANS_ENV } from "./offline-plans";

describe("the test suite's temp directory", () => {
  test("every temp path of this run is inside the run's own directory", () => {
    const runDir = process.env[RUN_TMPDIR_ENV]!;
    expect(basename(runDir)).toMatch(new RegExp(`^${RUN_TMPDIR_PREFIX}`));
    expect(tmpdir()).toBe(runDir);
    expect(process.env[OFFLINE_PLANS_ENV]).toBe(join(runDir, "offline-plans"));
    // cdktf's Testing app makes a cdktf.outdir.* directory per stack: it lands in the run's directory.
    const app = Testing.app();
    new TerraformStack(app, "probe");
    expect(realpathSync(dirname(app.outdir))).toBe(realpathSync(runDir));
  });

  test("global setup makes a fresh directory and global teardown removes it with everything in it", () => {
    const base = mkdtempSync(join(tmpdir(), "teardown-probe-"));
    try {
      const env: NodeJS.ProcessEnv = {};
      const runDir = createRunDir(env, base);
      expect(dirname(runDir)).toBe(base);
      expect(env).toEqual({
        [RUN_TMPDIR_ENV]: runDir,
        TMPDIR: runDir,
        TMP: runDir,
        TEMP: runDir,
        [OFFLINE_PLANS_ENV]: join(runDir, "offline-plans"),
      });
      // What the suite used to leave behind: a 0-byte fake provider and cdktf outdirs.
      const mirror = mkdtempSync(join(runDir, "mirror-"));
      writeFileSync(join(mirror, "terraform-provider-aws_v5.100.0_x5"), "");
      mkdtempSync(join(runDir, "cdktf.outdir."));
      removeRunDir(env);
      expect(existsSync(runDir)).toBe(false);
      expect(existsSync(base)).toBe(true);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
