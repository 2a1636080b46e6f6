# TFLint for the synthesized stacks (cdktf.out/stacks/<stack>/cdk.tf.json). Run `npm run lint:tf`
# after `npm run synth`; `tflint --init` installs the plugins below once (it needs GitHub access, or a
# TFLINT_PLUGIN_DIR holding them).
#
# The input is generated JSON, not hand-written HCL, which shapes this file:
# - `# tflint-ignore` comments cannot exist in JSON, and TFLint's JSON form of a file-level ignore
#   needs the root "//" key to be a string, while cdktf uses that key for its own metadata object.
#   So rules are tuned here, for every stack at once; per-resource exceptions belong to the policy
#   pack's suppressions (src/policy), which carry a reason.
# - Style rules of the terraform ruleset are about how people write HCL and do not apply.

config {
  format           = "compact"
  # Stacks have no module calls; nothing to download or inspect beyond the stack itself.
  call_module_type = "none"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "aws" {
  enabled = true
  version = "0.44.0"
  source  = "github.com/terraform-linters/tflint-ruleset-aws"
  # Deep checks call AWS APIs; the lint must run without credentials, like the offline plan.
  deep_check = false
}

# In JSON syntax "${...}" is the only way to write an expression, so this HCL-style rule misfires.
rule "terraform_deprecated_interpolation" {
  enabled = false
}

# Names are cdktf's logical ids (`Network_PrivateSubnet1_E8491189`), derived from construct paths.
rule "terraform_naming_convention" {
  enabled = false
}

# The environment stacks' required tags (stacks/environments/types.ts REQUIRED_TAGS). The rule counts
# the provider's default_tags, which is where the stacks set them; the policy pack's TAG-001 checks the same.
rule "aws_resource_missing_tags" {
  enabled = true
  tags    = ["Environment", "Owner", "CostCenter", "Application", "DataClassification"]
}

# Prefer `aws_vpc_security_group_{ingress,egress}_rule` resources over inline rules (what Network does).
rule "aws_security_group_inline_rules" {
  enabled = true
}

rule "aws_iam_role_deprecated_policy_attributes" {
  enabled = true
}
