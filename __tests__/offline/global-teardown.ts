import { rmSync } from "node:fs";
import { OFFLINE_PLANS_PID_ENV, RUN_TMPDIR_ENV } from "./global-setup";

/** Removes the run directory named in `env` (and with it the offline plans and every temp path a test made). */
export function removeRunDir(env: NodeJS.ProcessEnv): void {
  const dir = env[RUN_TMPDIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Stops the background offline-plan computation (and its terraform) if it is still running. */
export function stopOfflinePlans(env: NodeJS.ProcessEnv): void {
  const pid = Number(env[OFFLINE_PLANS_PID_ENV]);
  if (!(pid > 0)) return;
  try {
    process.kill(-pid);
  } catch {
    // It has finished.
  }
}

export default function globalTeardown(): void {
  // A run that failed or was interrupted early may leave the background computation running.
  stopOfflinePlans(process.env);
  removeRunDir(process.env);
}
