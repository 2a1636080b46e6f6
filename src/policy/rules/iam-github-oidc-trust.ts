import { everywhere, Rule, Violation } from "../types";
import { parseJsonArgument, strings } from "../inspect/values";

const GITHUB = "token.actions.githubusercontent.com";
const WILDCARD = /[*?]/;

/** The condition values on `key` across every operator of a statement, with the operator. */
function conditionValues(condition: unknown, key: string): { operator: string; values: string[] }[] {
  if (typeof condition !== "object" || condition === null) return [];
  return Object.entries(condition as Record<string, unknown>).flatMap(([operator, block]) => {
    if (typeof block !== "object" || block === null) return [];
    const value = (block as Record<string, unknown>)[key];
    return value === undefined ? [] : [{ operator, values: strings(value) }];
  });
}

function statementViolations(statement: Record<string, unknown>, label: string): Violation[] {
  const federated = strings((statement.Principal as { Federated?: unknown } | undefined)?.Federated);
  const actions = strings(statement.Action);
  if (
    statement.Effect !== "Allow" ||
    !federated.some((f) => f.includes(GITHUB)) ||
    !actions.some((a) => a.includes("AssumeRoleWithWebIdentity"))
  ) {
    return [];
  }
  const violations: Violation[] = [];
  const subs = conditionValues(statement.Condition, `${GITHUB}:sub`);
  if (subs.length === 0) {
    violations.push({
      message: `${label} lets any GitHub Actions job of any repository assume the role: no ${GITHUB}:sub condition`,
      fix: `Add StringEquals { "${GITHUB}:sub" = "repo:<owner>/<repo>:environment:<name>" } (GithubActionsRole writes it).`,
    });
  }
  for (const { operator, values } of subs) {
    const wild = values.filter((v) => WILDCARD.test(v));
    if (wild.length > 0) {
      violations.push({
        message: `${label} matches ${GITHUB}:sub with wildcards ${JSON.stringify(wild)} (${operator}): any branch, pull request or repository they cover can assume the role`,
        fix: "Pin sub to exact subjects with StringEquals: one repository and one environment, branch or pull_request.",
      });
    } else if (operator.startsWith("ForAnyValue") || operator.startsWith("ForAllValues")) {
      violations.push({
        message: `${label} tests ${GITHUB}:sub with ${operator}, which passes when the claim is missing or misspelled`,
        fix: "Use StringEquals on the single-valued sub claim.",
      });
    }
  }
  if (conditionValues(statement.Condition, `${GITHUB}:aud`).length === 0) {
    violations.push({
      message: `${label} does not pin ${GITHUB}:aud, so a token minted for another audience is accepted`,
      fix: `Add StringEquals { "${GITHUB}:aud" = "sts.amazonaws.com" }.`,
    });
  }
  return violations;
}

/** IAM-002: roles GitHub Actions assume pin the token's subject to exact values, never a wildcard. */
export const iamGithubOidcTrust: Rule = {
  id: "IAM-002",
  title: "GitHub OIDC trust pins sub exactly",
  rationale:
    "A role trusting token.actions.githubusercontent.com without an exact sub condition can be assumed by jobs of other repositories, forks' branches or pull requests: a wildcard subject hands the role to code nobody reviewed.",
  severity: everywhere("error"),
  appliesTo: ["aws_iam_role"],
  references: ["CKV_AWS_358", "aws-actions/configure-aws-credentials (claims and scoping permissions)"],
  check(resource) {
    const document = parseJsonArgument(resource.config.assume_role_policy) as { Statement?: unknown } | undefined;
    const raw = document?.Statement;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    return list
      .filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null)
      .flatMap((s, i) => statementViolations(s, `trust statement ${typeof s.Sid === "string" && s.Sid ? `"${s.Sid}"` : `#${i + 1}`}`));
  },
};
