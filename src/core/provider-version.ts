import { TerraformStack } from "cdktf";

/**
 * The hashicorp/aws versions this library is built and tested against. `@cdktf/provider-aws`
 * writes an exact pin (`5.100.0`) into `required_providers`; a range lets users take patch and
 * minor releases of the 5.x line without a new library release.
 */
export const AWS_PROVIDER_VERSION_CONSTRAINT = "~> 5.100";

/** Replaces the exact aws provider pin in `stack` with {@link AWS_PROVIDER_VERSION_CONSTRAINT} (or `constraint`). */
export function useAwsProviderRange(stack: TerraformStack, constraint: string = AWS_PROVIDER_VERSION_CONSTRAINT): void {
  stack.addOverride("terraform.required_providers.aws.version", constraint);
}
