/**
 * Computes the offline plans of every registered stack into `$OFFLINE_PLANS_DIR` (one combined
 * Terraform run). globalSetup starts it in the background when any selected test needs the plans,
 * so the Terraform run overlaps the unit tests; the tests wait for its result file.
 */
import { computeOfflinePlans } from "./offline-plans";

computeOfflinePlans().catch((error) => {
  console.error(error);
  process.exit(1);
});
