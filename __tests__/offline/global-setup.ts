import { rmSync } from "node:fs";
import { OFFLINE_PLANS_DIR } from "./offline-plans";

/** Starts every jest run with no cached offline plans. */
export default function globalSetup(): void {
  rmSync(OFFLINE_PLANS_DIR, { recursive: true, force: true });
}
