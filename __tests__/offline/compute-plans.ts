/**
 * Computes the offline plans of every registered stack into `$OFFLINE_PLANS_DIR` (one combined
 * Terraform run). globalSetup starts it in the background when any selected test needs the plans,
 * so the Terraform run overlaps the unit tests; the tests wait for its result file.
 */
import { skipTokenStackTraces } from "../../stacks/fast-synthesis";
import { computeOfflinePlans } from "./offline-plans";

// As in the test files (token-traces.ts): the synthesis runs under tsx, whose source-map support
// makes each token's creation stack trace dear, and nothing here reads them.
skipTokenStackTraces();
computeOfflinePlans().catch((error) => {
  console.error(error);
  process.exit(1);
});
