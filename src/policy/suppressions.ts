import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { fail, ValidationError } from "../core/errors";

/** A rule turned off for a construct and everything under it, with the reason why. */
export interface Suppression {
  /** Id of the rule turned off, e.g. `ELB-003`. */
  readonly ruleId: string;
  /** Why the rule does not apply here; reported next to every finding it silences. */
  readonly reason: string;
}

/** A suppression together with the construct it was declared on. */
export interface DeclaredSuppression extends Suppression {
  /** The construct `suppress()` was called on; the suppression covers it and everything under it. */
  readonly construct: IConstruct;
}

/** Rule ids: letters, digits, dots, dashes, e.g. `ECS-003` or a custom `ACME-API-1`. */
const RULE_ID = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Marks a construct as a stack's policy pack, so `suppress` can tell whether one will read its suppressions. */
export const POLICY_PACK_MARKER = Symbol.for("cdktf-ecs-platform.PolicyPack");

/** Node metadata type under which suppressions are stored on the construct they were declared on. */
export const SUPPRESSION_METADATA_TYPE = "cdktf-ecs-platform:policy-suppression";

/**
 * Suppresses rule `ruleId` for `construct` and every construct under it (for a single resource, pass
 * the resource). The reason is mandatory: it appears in the policy report next to the finding it
 * silences, and a suppression that silences nothing is itself reported.
 *
 * @example suppress(alb, "ELB-003", "Preview environments are torn down nightly; deletion protection would block that.")
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  if (typeof ruleId !== "string" || !RULE_ID.test(ruleId)) {
    fail(construct, {
      code: "POLICY_SUPPRESSION_RULE_ID",
      property: "ruleId",
      value: ruleId,
      allowed: "a rule id such as \"ECS-003\" (a letter, then letters, digits, '.', '_' or '-')",
    });
  }
  if (typeof reason !== "string" || reason.trim().length === 0) {
    fail(construct, {
      code: "POLICY_SUPPRESSION_REASON",
      property: "reason",
      value: reason,
      allowed: `a non-empty reason explaining why ${ruleId} does not apply here`,
    });
  }
  const existing = suppressionsDeclaredOn(construct).find((s) => s.ruleId === ruleId);
  if (existing) {
    fail(construct, {
      code: "POLICY_SUPPRESSION_DUPLICATE",
      property: "ruleId",
      value: ruleId,
      allowed: `a rule not suppressed here already (it is, with reason "${existing.reason}")`,
    });
  }
  const first = suppressionsDeclaredOn(construct).length === 0;
  construct.node.addMetadata(SUPPRESSION_METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies Suppression);
  // A suppression in a stack without a policy pack silences nothing: say so at synth, where the
  // stack is complete (the pack may be applied after this call).
  if (first) {
    construct.node.addValidation({
      validate: () => {
        const stack = TerraformStack.of(construct);
        if (stack.node.children.some((c) => (c as unknown as Record<symbol, unknown>)[POLICY_PACK_MARKER] === true)) return [];
        return [
          new ValidationError(construct, {
            code: "POLICY_SUPPRESSION_NO_PACK",
            property: "ruleId",
            value: suppressionsDeclaredOn(construct).map((s) => s.ruleId),
            allowed: `a suppression in a stack with a policy pack (call applyPolicies(${stack.node.id}, ...) first: without one nothing is checked)`,
          }).message,
        ];
      },
    });
  }
}

/** The suppressions declared directly on `construct` (not its ancestors). */
export function suppressionsDeclaredOn(construct: IConstruct): DeclaredSuppression[] {
  return construct.node.metadata
    .filter((entry) => entry.type === SUPPRESSION_METADATA_TYPE)
    .map((entry) => ({ ...(entry.data as Suppression), construct }));
}

/**
 * The suppression of `ruleId` that covers `construct`: declared on it or the nearest ancestor
 * (a suppression declared closer to the resource wins, so its reason is the one reported).
 */
export function findSuppression(construct: IConstruct, ruleId: string): DeclaredSuppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const match = suppressionsDeclaredOn(scopes[i]).find((s) => s.ruleId === ruleId);
    if (match) return match;
  }
  return undefined;
}
