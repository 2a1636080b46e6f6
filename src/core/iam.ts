/** IAM policy documents built from typed statements, so no module hand-writes policy JSON. */

/** One IAM policy statement; a single action or resource renders as a string, several as a list. */
export interface PolicyStatement {
  /**
   * Statement id, unique within the document (letters and digits only, as IAM requires).
   * @default - no `Sid`
   */
  readonly sid?: string;
  /**
   * Whether the statement grants or denies; an explicit `Deny` wins over any `Allow` in IAM evaluation.
   * @default "Allow"
   */
  readonly effect?: "Allow" | "Deny";
  /** IAM actions such as `logs:PutLogEvents`; prefer exact actions to `service:*`. */
  readonly actions: readonly string[];
  /** Resource ARNs the actions apply to (cdktf tokens allowed); use exact ARNs, `*` only where the action has no resource type. */
  readonly resources: readonly string[];
  /**
   * Condition block, e.g. `{ StringEquals: { "aws:SourceAccount": "123456789012" } }`.
   * @default - no `Condition`
   */
  readonly conditions?: Record<string, Record<string, string | readonly string[]>>;
}

/** Renders statements as an IAM policy JSON string; cdktf tokens inside ARNs resolve at synth. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
      Resource: s.resources.length === 1 ? s.resources[0] : [...s.resources],
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** A trust policy letting the given AWS service principals assume a role. */
export function assumeRolePolicy(
  services: readonly string[],
  conditions?: Record<string, Record<string, string | readonly string[]>>,
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: services.length === 1 ? services[0] : [...services] },
        Action: "sts:AssumeRole",
        ...(conditions ? { Condition: conditions } : {}),
      },
    ],
  });
}
