import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFLINE_PLANS_ENV } from "./offline-plans";

/** Gives this jest run its own directory for offline plans; workers inherit the variable. */
export default function globalSetup(): void {
  process.env[OFFLINE_PLANS_ENV] = mkdtempSync(join(tmpdir(), "offline-plans-"));
}
