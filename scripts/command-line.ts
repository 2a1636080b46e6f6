import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * The scripts' command lines, parsed by `node:util` `parseArgs` (strict: an unknown option or a
 * missing value is refused). A bad command line prints the problem and the usage and exits 64
 * (EX_USAGE), instead of running with an option silently ignored.
 */
export function parseCommandLine<T extends Omit<ParseArgsConfig, "strict" | "args">>(
  usage: string,
  config: T,
  args: readonly string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T & { strict: true; args: string[] }>> {
  try {
    return parseArgs({ ...config, strict: true, args: [...args] });
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`);
    process.exit(64);
  }
}
