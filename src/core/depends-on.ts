import { dependable, ITerraformDependable } from "cdktf";

const tokens = new WeakMap<ITerraformDependable, string>();

/**
 * `depends_on` entries for `targets`, one token per target shared by every resource that waits for
 * it, for `resource.dependsOn = dependsOnAll(targets)`. cdktf turns each entry of a resource's
 * `dependsOn` config into a new token (`dependable()`, resolving to the target's address), and each
 * new token captures a full stack trace; a service lists a dozen or more shared targets (its
 * subnets' routes and endpoints), so sharing the tokens saves ~15 stack traces per service. The
 * entries are cdktf's own `dependable()` tokens, so `depends_on` renders exactly as through the
 * config.
 */
export function dependsOnAll(targets: readonly ITerraformDependable[]): string[] | undefined {
  if (targets.length === 0) return undefined;
  return targets.map((target) => {
    let token = tokens.get(target);
    if (token === undefined) {
      token = dependable(target);
      tokens.set(target, token);
    }
    return token;
  });
}
