// @ts-check
/**
 * Test order: test files that read offline plans (`*.offline.test.ts`, and any file importing
 * offline-plans) run last, everything else first, each group in jest's usual order (failed first,
 * then slowest first). Meanwhile the combined Terraform run computes the plans in a background
 * process that globalSetup starts (compute-plans.ts), so both jest workers run unit tests instead of
 * waiting for Terraform. It tells globalSetup whether any selected file needs the plans, so a
 * targeted run (`npx jest __tests__/network`) never starts Terraform.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { readsOfflinePlans: needsPlans } = require("../projects");

class OfflinePlansLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const offline = sorted.filter((t) => needsPlans(t.path));
    if (offline.length > 0) process.env.OFFLINE_PLANS_NEEDED = "1";
    return [...sorted.filter((t) => !offline.includes(t)), ...offline];
  }
}

module.exports = OfflinePlansLastSequencer;
