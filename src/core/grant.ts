import { PolicyStatement } from "./iam";

/**
 * Anything with an IAM identity a resource can grant permissions to: a task definition (its task
 * role), a Batch job definition (its job role), a role. Resources offer `grantXxx(grantee)`
 * methods that add exactly the statements the access needs, so callers never list IAM actions.
 */
export interface IGrantable {
  /** Adds `statement` to the identity policy of the grantee's role. */
  addToPrincipalPolicy(statement: PolicyStatement): void;
}
