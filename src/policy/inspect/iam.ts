import { PolicyResource } from "../types";
import { blocks, parseJsonArgument, strings } from "./values";

/** Resource types holding IAM permission policies (trust policies are not permission policies). */
export const IAM_POLICY_RESOURCE_TYPES: readonly string[] = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_role",
  "data.aws_iam_policy_document",
];

/** An IAM statement, normalised from policy JSON or an `aws_iam_policy_document` statement block. */
export interface IamStatement {
  /** `Sid`, or `statement #n` when there is none. */
  readonly label: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
}

function fromJson(document: unknown, where: string): IamStatement[] {
  if (typeof document !== "object" || document === null) return [];
  const raw = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null)
    .map((s, i) => ({
      label: `${where}${typeof s.Sid === "string" && s.Sid ? `statement "${s.Sid}"` : `statement #${i + 1}`}`,
      effect: s.Effect === "Deny" ? "Deny" : "Allow",
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
    }));
}

/**
 * The statements of every permission policy a resource holds: the `policy` JSON of policies, the
 * `inline_policy` blocks of a role, the `statement` blocks of an `aws_iam_policy_document`. A policy
 * given as a reference (e.g. to a policy document's `json`) is checked where it is defined instead.
 */
export function statementsOf(resource: PolicyResource): IamStatement[] {
  const config = resource.config;
  switch (resource.type) {
    case "aws_iam_role":
      return blocks(config.inline_policy).flatMap((p) =>
        fromJson(parseJsonArgument(p.policy), typeof p.name === "string" ? `inline policy "${p.name}" ` : "inline policy "),
      );
    case "data.aws_iam_policy_document":
      return blocks(config.statement).map((s, i) => ({
        label: typeof s.sid === "string" && s.sid ? `statement "${s.sid}"` : `statement #${i + 1}`,
        effect: s.effect === "Deny" ? "Deny" : "Allow",
        actions: strings(s.actions),
        notActions: strings(s.not_actions),
        resources: strings(s.resources),
        notResources: strings(s.not_resources),
      }));
    default:
      return fromJson(parseJsonArgument(config.policy), "");
  }
}
