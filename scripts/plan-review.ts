/**
 * Plan review for pull requests: `npm run plan:review -- [stacks...] [--offline] [--out <dir>]
 * [--fail-on-destroy] [--prices <file>]`. See `src/plan-review/cli.ts` and docs/plan-review.md.
 */
import { main } from "../src/plan-review/cli";

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(70);
  },
);
