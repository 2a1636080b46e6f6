import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentClass, Finding, PolicyPack, Rule } from "../../src/policy";

export interface CheckOptions {
  /** @default "non-production" */
  readonly environmentClass?: EnvironmentClass;
  readonly requiredTags?: readonly string[];
  /** Provider default tags. @default none */
  readonly defaultTags?: Record<string, string>;
}

/** A fresh stack with an aws provider in eu-west-1. */
export function newStack(defaultTags?: Record<string, string>): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: defaultTags ? [{ tags: defaultTags }] : undefined });
  return stack;
}

/** Builds a stack, checks it with `rules` only, and returns every finding (unused suppressions included). */
export function findingsOf(rules: Rule | readonly Rule[], build: (stack: TerraformStack) => void, options: CheckOptions = {}): Finding[] {
  const stack = newStack(options.defaultTags);
  build(stack);
  const pack = new PolicyPack(stack, "PolicyPack", {
    environmentClass: options.environmentClass ?? "non-production",
    rules: Array.isArray(rules) ? rules : [rules as Rule],
    requiredTags: options.requiredTags,
    writeReports: false,
    printSummary: false,
  });
  return [...pack.evaluate().findings];
}

/** Drops the 8-hex-digit hash cdktf appends to nested resource names, so messages read as written. */
export function unhashed(text: string): string {
  return text.replace(/_[0-9A-F]{8}\b/g, "");
}

/** `severity ruleId @ construct path (after the stack): message`, for compact assertions. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => unhashed(`${f.severity} ${f.ruleId} @ ${f.constructPath.replace(/^test\//, "")}: ${f.message}`));
}

/** The messages of the findings, with resource-name hashes dropped. */
export function messages(findings: readonly Finding[]): string[] {
  return findings.map((f) => unhashed(f.message));
}
