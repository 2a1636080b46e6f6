// @ts-check
/**
 * Test order: test files that run their own Terraform (the offline project's files that do not read
 * the combined plans: the change-safety suite, the offline checker's and the CI-delivery tests) run
 * first, since the change-safety suite is the longest file of the run and must start at once, also
 * when jest has no timings cached yet (a fresh clone orders unknown files by size, and the
 * change-safety test file is small); then the other files; last the files that read offline plans
 * (`*.offline.test.ts`, and any file importing offline-plans). Each group keeps jest's usual order
 * (failed first, then slowest first). Meanwhile the combined Terraform run computes the plans in a
 * background process that globalSetup starts (compute-plans.ts), so both jest workers run tests
 * instead of waiting for Terraform. It tells globalSetup whether any selected file needs the plans,
 * so a targeted run (`npx jest __tests__/network`) never starts Terraform.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { projectOf, readsOfflinePlans: needsPlans } = require("../projects");

class OfflinePlansLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const offline = sorted.filter((t) => needsPlans(t.path));
    if (offline.length > 0) process.env.OFFLINE_PLANS_NEEDED = "1";
    const ownTerraform = sorted.filter((t) => !offline.includes(t) && projectOf(t.path) === "offline");
    return [...ownTerraform, ...sorted.filter((t) => !offline.includes(t) && !ownTerraform.includes(t)), ...offline];
  }
}

module.exports = OfflinePlansLastSequencer;
