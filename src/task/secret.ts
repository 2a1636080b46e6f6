import { IConstruct } from "constructs";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";

/** Where a secret lives. */
export type SecretSource = "secretsmanager" | "ssm";

/** Options common to every {@link Secret} source. */
export interface SecretOptions {
  /**
   * ARN of the customer managed KMS key the secret or SecureString parameter is encrypted with;
   * the execution role gets `kms:Decrypt` on exactly this key.
   * @default - the AWS managed key, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

const JSON_KEY = /^[^:\s]+$/;

/**
 * A value ECS injects into a container's environment at start, read by the execution role.
 * Each secret knows the exact ARN the role must be allowed to read, so the role needs no wildcard.
 */
export class Secret {
  /**
   * A Secrets Manager secret, whole or one key of its JSON value.
   * @param secretArn the full secret ARN, including the six-character suffix AWS appends
   * @param jsonKey a top-level key of the secret's JSON value
   */
  public static fromSecretsManager(secretArn: string, jsonKey?: string, options: SecretOptions = {}): Secret {
    // ECS reads `<arn>:<json-key>:<version-stage>:<version-id>`; empty stage and id mean AWSCURRENT.
    const valueFrom = jsonKey === undefined ? secretArn : `${secretArn}:${jsonKey}::`;
    return new Secret("secretsmanager", secretArn, valueFrom, jsonKey, options.kmsKeyArn);
  }

  /** An SSM Parameter Store parameter (String or SecureString), by ARN. */
  public static fromSsmParameter(parameterArn: string, options: SecretOptions = {}): Secret {
    return new Secret("ssm", parameterArn, parameterArn, undefined, options.kmsKeyArn);
  }

  private constructor(
    /** Secrets Manager or SSM Parameter Store, which decides the IAM action and ARN format. */
    public readonly source: SecretSource,
    /** The secret or parameter ARN the execution role is granted. */
    public readonly arn: string,
    /** The `valueFrom` ECS reads. */
    public readonly valueFrom: string,
    /** The top-level JSON key read from a Secrets Manager secret, or `undefined` for the whole value. */
    public readonly jsonKey: string | undefined,
    /** The customer managed KMS key the execution role may decrypt with, when one was given. */
    public readonly kmsKeyArn: string | undefined,
  ) {}

  /**
   * Lets `grantee` read the value at run time through the SDK (not only as an injected environment
   * variable, which the execution role reads): exactly this secret or parameter, and `kms:Decrypt`
   * on its customer managed key when one was given.
   */
  public grantRead(grantee: IGrantable): void {
    const actions =
      this.source === "secretsmanager"
        ? ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        : ["ssm:GetParameter", "ssm:GetParameters"];
    grantee.addToPrincipalPolicy({ actions, resources: [this.arn] });
    if (this.kmsKeyArn !== undefined) grantee.addToPrincipalPolicy({ actions: ["kms:Decrypt"], resources: [this.kmsKeyArn] });
  }

  /** Fails unless the ARN is a Secrets Manager secret or SSM parameter ARN (tokens pass). */
  public validate(scope: IConstruct, property: string): void {
    checkArn(scope, "SECRET_ARN_INVALID", property, this.arn, this.source === "secretsmanager" ? "secretsManagerSecret" : "ssmParameter");
    if (this.jsonKey !== undefined && !isToken(this.jsonKey) && !JSON_KEY.test(this.jsonKey)) {
      fail(scope, { code: "SECRET_JSON_KEY_INVALID", property, value: this.jsonKey, allowed: "a JSON key without colons or spaces" });
    }
    checkArn(scope, "SECRET_KMS_KEY_INVALID", `${property}.kmsKeyArn`, this.kmsKeyArn, "kmsKey");
  }
}
