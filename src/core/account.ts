import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/** The construct context key holding the AWS account id a stack deploys to (see {@link useAwsAccount}). */
export const ACCOUNT_CONTEXT_KEY = "cdktf-ecs-platform:accountId";

/**
 * Tells the library which AWS account `stack` deploys to, so the trust policies of the roles it
 * creates carry `aws:SourceAccount` and an `aws:SourceArn` in that account (AWS's confused-deputy
 * guidance). Call it in the stack's constructor before adding any construct. Modules never look the
 * account up (that would need an AWS call at plan time); the stack that owns the provider knows it.
 */
export function useAwsAccount(stack: IConstruct, accountId: string): void {
  if (!isToken(accountId) && (typeof accountId !== "string" || !/^\d{12}$/.test(accountId))) {
    fail(stack, { code: "AWS_ACCOUNT_ID", property: "accountId", value: accountId, allowed: "a 12-digit AWS account id" });
  }
  stack.node.setContext(ACCOUNT_CONTEXT_KEY, accountId);
}

/** The account set with {@link useAwsAccount} on `scope` or a parent, if any. */
export function awsAccountOf(scope: IConstruct): string | undefined {
  const account: unknown = scope.node.tryGetContext(ACCOUNT_CONTEXT_KEY);
  return typeof account === "string" ? account : undefined;
}
