import { ERROR_IN_PRODUCTION, Rule } from "../types";

/**
 * IAM-003: when the stack declares a permissions boundary (`RoleDefaults.of(stack).set(...)`), every
 * IAM role in it carries that boundary. Roles whose boundary is an unresolved reference pass.
 */
export const iamPermissionsBoundary: Rule = {
  id: "IAM-003",
  title: "Roles carry the stack's permissions boundary",
  rationale:
    "Accounts that delegate role creation cap every role with a permissions boundary (often enforced by an SCP that refuses CreateRole without it); a role without the boundary either fails to deploy or escapes the cap the platform team relies on.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_iam_role"],
  references: [
    "AWS IAM permissions boundaries for IAM entities",
    "Control Tower / SCP guidance: require a permissions boundary on iam:CreateRole",
  ],
  check(resource, context) {
    const declared = context.permissionsBoundaryArn;
    if (declared === undefined) return [];
    const boundary = resource.config.permissions_boundary;
    if (typeof boundary === "string" && (boundary === declared || boundary.includes("${"))) return [];
    return [
      {
        message:
          boundary === undefined
            ? `The role has no permissions boundary; the stack declares ${declared}`
            : `The role's permissions boundary ${JSON.stringify(boundary)} is not the stack's ${declared}`,
        fix: `Set permissions_boundary to ${declared}: the library's roles take it from RoleDefaults (or roleOptions.permissionsBoundaryArn); a hand-written aws_iam_role needs permissionsBoundary.`,
      },
    ];
  },
};
