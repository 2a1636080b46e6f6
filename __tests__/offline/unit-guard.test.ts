import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectOf } from "../projects";

/** This file belongs to the `unit` project, whose setup (unit-guard.ts) keeps Terraform out. */
describe("the unit project's guard", () => {
  const installed = spawnSync("sh", ["-c", "command -v terraform"]).status === 0;

  test("this file is a unit test, and the offline and publishing files are not", () => {
    expect(projectOf(__filename)).toBe("unit");
    expect(projectOf(join(__dirname, "..", "stacks", "offline-plan.test.ts"))).toBe("offline");
    expect(projectOf(join(__dirname, "..", "change-safety", "change-safety.test.ts"))).toBe("offline");
    expect(projectOf(join(__dirname, "..", "publishing", "verdaccio.test.ts"))).toBe("publishing");
  });

  test("starting the real terraform fails, naming the file and where it belongs", () => {
    expect(() => execFileSync("terraform", ["version"], { stdio: "pipe" })).toThrow(
      installed
        ? /unit-guard\.test\.ts: a unit test started Terraform \(terraform\); tests that need Terraform belong to the offline project/
        : /ENOENT/,
    );
  });

  test("a stand-in terraform a test writes itself still runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
    const fake = join(dir, "terraform");
    writeFileSync(fake, "#!/bin/sh\necho fake terraform\n");
    chmodSync(fake, 0o755);
    expect(execFileSync("terraform", ["version"], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } }).toString()).toBe(
      "fake terraform\n",
    );
  });
});
