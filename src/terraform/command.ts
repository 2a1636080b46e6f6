import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** How {@link runCommand} runs a program. */
export interface RunCommandOptions {
  /** Working directory. @default - the current directory */
  readonly cwd?: string;
  /** The environment, whole (not merged with `process.env`). @default - `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  /** Bytes of stdout or stderr kept before the program is stopped. @default 256 MiB */
  readonly maxBuffer?: number;
  /** Milliseconds before the program is stopped. @default - no limit */
  readonly timeout?: number;
}

/** A program exited non-zero, was stopped, or could not start; its own output is kept for the reader. */
export class CommandError extends Error {
  constructor(
    message: string,
    /** What the program printed on stdout before it failed (empty when it never started). */
    public readonly stdout: string,
    /** What it printed on stderr (empty when it never started). */
    public readonly stderr: string,
  ) {
    super(message);
    this.name = "CommandError";
  }

  /** stderr then stdout, or the error's message when the program printed nothing. */
  public get output(): string {
    return [this.stderr, this.stdout].filter(Boolean).join("\n") || this.message;
  }
}

/**
 * Runs `file` with `args` (no shell) and returns its stdout; any failure is a {@link CommandError}.
 * The one place the tooling starts programs (Terraform, the cdktf app, npm).
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, {
      cwd: options.cwd,
      env: options.env,
      maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
      timeout: options.timeout,
      encoding: "utf8",
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new CommandError(e.message, e.stdout ?? "", e.stderr ?? "");
  }
}
