import { rmSync } from "node:fs";
import { OFFLINE_PLANS_ENV } from "./offline-plans";

export default function globalTeardown(): void {
  const dir = process.env[OFFLINE_PLANS_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
