import { CommandError, runCommand } from "../../src/terraform/command";

describe("runCommand", () => {
  it("returns what the program printed on stdout", async () => {
    await expect(runCommand("/bin/sh", ["-c", 'printf "%s" "$GREETING"'], { env: { GREETING: "hello" } })).resolves.toBe("hello");
  });

  it("runs in the given directory", async () => {
    await expect(runCommand("/bin/sh", ["-c", "pwd"], { cwd: "/tmp" })).resolves.toBe("/tmp\n");
  });

  it("throws a CommandError with stderr, then stdout, when the program exits non-zero", async () => {
    const error = await runCommand("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    const e = error as CommandError;
    expect(e.stdout).toBe("out\n");
    expect(e.stderr).toBe("err\n");
    expect(e.output).toBe("err\n\nout\n");
    expect(e.message).toMatch(/Command failed: \/bin\/sh -c/);
  });

  it("throws a CommandError naming the program when it cannot start", async () => {
    const error = (await runCommand("/nonexistent/terraform", ["version"]).catch((e: unknown) => e)) as CommandError;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.output).toBe("spawn /nonexistent/terraform ENOENT");
  });

  it("stops a program that runs past its timeout", async () => {
    const error = (await runCommand("/bin/sh", ["-c", "sleep 5"], { timeout: 200 }).catch((e: unknown) => e)) as CommandError;
    expect(error).toBeInstanceOf(CommandError);
  });
});
