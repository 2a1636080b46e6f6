import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { applyPolicies, useAwsAccount, useAwsProviderRange } from "../src";

/** Region and zones the examples deploy to; change them to yours. */
export const REGION = "eu-west-1";
export const AVAILABILITY_ZONES = ["eu-west-1a", "eu-west-1b"];
/** The account the examples deploy to; change it to yours. Roles' trust policies are scoped to it. */
export const ACCOUNT_ID = "123456789012";
/** The environment the examples stand for, tagged on every resource like the environment stacks do. */
export const ENVIRONMENT = "example";

/**
 * A stack as an application owns it: the aws provider, a local backend (swap for S3 to share
 * state) and the provider version range. The library's constructs never do this themselves.
 */
export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    useAwsAccount(this, ACCOUNT_ID);
    new AwsProvider(this, "aws", {
      region: REGION,
      allowedAccountIds: [ACCOUNT_ID],
      defaultTags: [{ tags: { Application: id, Environment: ENVIRONMENT, ManagedBy: "cdktf" } }],
    });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    useAwsProviderRange(this);
    // The guardrails: an error fails synth, warnings are reported next to cdk.tf.json.
    applyPolicies(this, { environmentClass: "non-production" });
  }
}
