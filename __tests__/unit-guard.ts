/**
 * Setup of the `unit` jest project: a unit test must not start Terraform (that is what the
 * `offline` project is for, see __tests__/projects.js), so `npx jest --selectProjects unit` runs
 * without Terraform or the provider. Starting the real `terraform` binary from a unit test file
 * throws, naming the file to move; stand-ins that tests write themselves (a fake `terraform`
 * script in a temp directory) still run. Restored after the file, because a jest worker runs
 * files of every project.
 */
import childProcess from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { promisify } from "node:util";

type Spawner = "spawn" | "spawnSync" | "execFile" | "execFileSync";

function resolveCommand(command: string, env: NodeJS.ProcessEnv | undefined): string | undefined {
  const candidates =
    isAbsolute(command) || command.includes("/")
      ? [command]
      : (env?.PATH ?? process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      if (existsSync(candidate)) return realpathSync(candidate);
    } catch {
      // Not readable: not the binary we look for.
    }
  }
  return undefined;
}

const terraform = resolveCommand("terraform", process.env);
const methods: Spawner[] = ["spawn", "spawnSync", "execFile", "execFileSync"];
const originals = new Map(methods.map((m) => [m, childProcess[m]] as const));

function refuseTerraform(command: unknown, rest: unknown[]): void {
  const options = rest.find((a): a is { env?: NodeJS.ProcessEnv } => typeof a === "object" && a !== null && !Array.isArray(a));
  if (typeof command === "string" && resolveCommand(command, options?.env) === terraform) {
    throw new Error(
      `${expect.getState().testPath}: a unit test started Terraform (${command}); ` +
        "tests that need Terraform belong to the offline project (see __tests__/projects.js)",
    );
  }
}

if (terraform) {
  for (const method of methods) {
    const original = originals.get(method) as ((...args: unknown[]) => unknown) & { [promisify.custom]?: (...args: unknown[]) => unknown };
    const guarded = function guarded(command: unknown, ...rest: unknown[]) {
      refuseTerraform(command, rest);
      return original.call(childProcess, command, ...rest);
    };
    // `promisify(execFile)` resolves to { stdout, stderr } through this hook; keep it.
    const custom = original[promisify.custom];
    if (custom) {
      Object.defineProperty(guarded, promisify.custom, {
        value: (command: unknown, ...rest: unknown[]) => {
          refuseTerraform(command, rest);
          return custom.call(childProcess, command, ...rest);
        },
      });
    }
    (childProcess as unknown as Record<Spawner, unknown>)[method] = guarded;
  }
}

afterAll(() => {
  for (const [method, original] of originals) (childProcess as unknown as Record<Spawner, unknown>)[method] = original;
});
