import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { applyPolicies, useAwsProviderRange } from "../src";

/** Region and zones the examples deploy to; change them to yours. */
export const REGION = "eu-west-1";
export const AVAILABILITY_ZONES = ["eu-west-1a", "eu-west-1b"];

/**
 * A stack as an application owns it: the aws provider, a local backend (swap for S3 to share
 * state) and the provider version range. The library's constructs never do this themselves.
 */
export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION, defaultTags: [{ tags: { Application: id, ManagedBy: "cdktf" } }] });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    useAwsProviderRange(this);
    // The guardrails: an error fails synth, warnings are reported next to cdk.tf.json.
    applyPolicies(this, { environmentClass: "non-production" });
  }
}
