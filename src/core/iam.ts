/** IAM policy documents built from typed statements, so no module hand-writes policy JSON. */

export interface PolicyStatement {
  readonly sid?: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Condition block, e.g. `{ StringEquals: { "aws:SourceAccount": "123456789012" } }`. */
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
