import { rmSync } from "node:fs";
import { RUN_TMPDIR_ENV } from "./global-setup";

/** Removes the run directory named in `env` (and with it the offline plans and every temp path a test made). */
export function removeRunDir(env: NodeJS.ProcessEnv): void {
  const dir = env[RUN_TMPDIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export default function globalTeardown(): void {
  removeRunDir(process.env);
}
