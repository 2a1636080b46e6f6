import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Annotations, ISynthesisSession, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { fail, ValidationError } from "../core/errors";
import { POLICY_REPORT_FILE, POLICY_SARIF_FILE } from "../core/policy-report";
import { MAX_TAG_KEY_LENGTH } from "../core/tags";
import { checkOneOf, checkUnique } from "../core/validate";
import { evaluatePolicies, LocatedFinding, UNUSED_SUPPRESSION } from "./evaluate";
import { buildReport, formatFinding, PolicyPackReport, renderSummary, toSarif } from "./report";
import { PLATFORM_RULES } from "./rules";
import { POLICY_PACK_MARKER, suppressionsDeclaredOn } from "./suppressions";
import { EnvironmentClass, Rule } from "./types";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Settings of a {@link PolicyPack}: the stack's environment class, the rules and the tags every resource needs. */
export interface PolicyPackProps {
  /** The stack's environment class: production turns some warnings into errors and enables production-only rules. */
  readonly environmentClass: EnvironmentClass;
  /** The rules to run. @default PolicyPack.DEFAULT_RULES (every rule in `src/policy/rules/`) */
  readonly rules?: readonly Rule[];
  /**
   * Tag keys every taggable resource must carry, counting the provider's `default_tags` (rule TAG-001);
   * each 1 to 128 characters, not starting with `aws:`.
   * @default [] - no tag is required
   */
  readonly requiredTags?: readonly string[];
  /** Write `policy-report.json` and `policy-report.sarif` next to the stack's `cdk.tf.json`. @default true */
  readonly writeReports?: boolean;
  /** Print the human summary to stdout on synth. @default true */
  readonly printSummary?: boolean;
}

/**
 * Guardrails for one stack, modelled on cdk-nag: when the stack is synthesized the pack runs every
 * rule over every resource with its final values, reports each finding as an annotation on the
 * resource (errors fail `cdktf synth` unless suppressed with {@link suppress}), prints a summary and
 * writes a JSON and a SARIF report next to the stack's `cdk.tf.json`.
 *
 * Create it with {@link applyPolicies}; it emits nothing into the Terraform configuration.
 */
export class PolicyPack extends Construct {
  /** Every rule of the platform pack. */
  public static readonly DEFAULT_RULES: readonly Rule[] = PLATFORM_RULES;
  /** File name of the JSON report in the stack's output directory. */
  public static readonly REPORT_FILE = POLICY_REPORT_FILE;
  /** File name of the SARIF report in the stack's output directory. */
  public static readonly SARIF_FILE = POLICY_SARIF_FILE;

  /** The pack applied to `stack`, if any. */
  public static of(stack: TerraformStack): PolicyPack | undefined {
    return stack.node.children.find((c): c is PolicyPack => c instanceof PolicyPack);
  }

  /** The environment class the stack is checked as. */
  public readonly environmentClass: EnvironmentClass;
  /** The rules the pack runs. */
  public readonly rules: readonly Rule[];
  /** Tag keys every taggable resource must carry. */
  public readonly requiredTags: readonly string[];
  private readonly stack: TerraformStack;
  private readonly writeReports: boolean;
  private readonly printSummary: boolean;

  constructor(scope: Construct, id: string, props: PolicyPackProps) {
    super(scope, id);
    checkRequiredProps(this, "PolicyPackProps", props, { environmentClass: K.string });
    if (!TerraformStack.isStack(scope)) {
      fail(this, {
        code: "POLICY_PACK_SCOPE",
        property: "scope",
        value: scope.node.path || "(app)",
        allowed: "a TerraformStack (the pack checks one whole stack)",
      });
    }
    const existing = scope.node.children.find((c) => c instanceof PolicyPack && c !== this);
    if (existing) {
      fail(this, {
        code: "POLICY_PACK_DUPLICATE",
        property: "scope",
        value: scope.node.path,
        allowed: `a stack without a policy pack (it has ${existing.node.path})`,
      });
    }
    this.stack = scope;
    this.environmentClass = props.environmentClass;
    this.rules = props.rules ?? PolicyPack.DEFAULT_RULES;
    this.requiredTags = props.requiredTags ?? [];
    this.writeReports = props.writeReports ?? true;
    this.printSummary = props.printSummary ?? true;

    checkOneOf(this, "POLICY_ENVIRONMENT_CLASS", "environmentClass", this.environmentClass, ["production", "non-production"]);
    checkUnique(
      this,
      "POLICY_RULE_DUPLICATE",
      "rules",
      this.rules.map((r) => r.id),
    );
    this.rules.forEach((rule, i) => {
      if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(rule.id ?? "")) {
        fail(this, { code: "POLICY_RULE_ID", property: `rules[${i}].id`, value: rule.id, allowed: 'a rule id such as "ECS-003"' });
      }
    });
    this.requiredTags.forEach((tag, i) => {
      // A key no resource could carry would fail every resource: blank, too long, or reserved by AWS.
      if (tag.trim().length === 0 || tag.length > MAX_TAG_KEY_LENGTH || tag.toLowerCase().startsWith("aws:")) {
        fail(this, {
          code: "POLICY_REQUIRED_TAG",
          property: `requiredTags[${i}]`,
          value: tag,
          allowed: `a tag key resources can carry: 1 to ${MAX_TAG_KEY_LENGTH} characters, not blank, not starting with "aws:"`,
        });
      }
    });
    checkUnique(this, "POLICY_REQUIRED_TAG_DUPLICATE", "requiredTags", this.requiredTags);

    (this as unknown as Record<symbol, boolean>)[POLICY_PACK_MARKER] = true;
    // A suppression of a rule the pack does not run (a typo, the wrong case) would silence nothing.
    this.node.addValidation({ validate: () => this.unknownSuppressions() });
    onSynthesis(this, (session) => this.onSynthesize(session));
  }

  private unknownSuppressions(): string[] {
    const known = new Set([...this.rules.map((r) => r.id), UNUSED_SUPPRESSION.id]);
    const sorted = [...known].sort();
    return this.stack.node
      .findAll()
      .flatMap((construct) => suppressionsDeclaredOn(construct))
      .filter((s) => !known.has(s.ruleId))
      .map(
        (s) =>
          new ValidationError(s.construct, {
            code: "POLICY_SUPPRESSION_UNKNOWN_RULE",
            property: "ruleId",
            value: s.ruleId,
            allowed: `the id of a rule the stack's policy pack runs (${closest(s.ruleId, sorted) ?? sorted.join(", ")})`,
          }).message,
      );
  }

  /**
   * Runs the rules over the stack as it is now and returns the report; no annotations, no files.
   * Synthesis does the same after every Aspect has run.
   */
  public evaluate(): PolicyPackReport {
    return buildReport(this.stack.node.id, this.environmentClass, this.rules, this.findings());
  }

  private findings(rendered?: Record<string, unknown>): LocatedFinding[] {
    return evaluatePolicies(
      this.stack,
      { environmentClass: this.environmentClass, rules: this.rules, requiredTags: this.requiredTags },
      rendered,
    );
  }

  private onSynthesize(session: ISynthesisSession): void {
    const rendered = this.stack.toTerraform();
    const findings = this.findings(rendered);
    reuseRenderingOnce(this.stack, rendered);
    for (const finding of findings) annotate(finding.construct, finding);
    const report = buildReport(this.stack.node.id, this.environmentClass, this.rules, findings);

    const files: string[] = [];
    if (this.writeReports) {
      const manifest = session.manifest.forStack(this.stack);
      const dir = join(session.outdir, manifest.workingDirectory);
      mkdirSync(dir, { recursive: true });
      const jsonFile = join(dir, PolicyPack.REPORT_FILE);
      const sarifFile = join(dir, PolicyPack.SARIF_FILE);
      const artifactUri = relative(process.cwd(), join(session.outdir, manifest.synthesizedStackPath)).split(sep).join("/");
      writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(sarifFile, `${JSON.stringify(toSarif(report, { artifactUri }), null, 2)}\n`);
      files.push(jsonFile, sarifFile);
    }
    if (this.printSummary) {
      // The summary is the human report of `cdktf synth`; the CLI shows the app's stdout.
      console.log(renderSummary(report, files));
    }
  }
}

/**
 * cdktf's hook for constructs that write files during synthesis (TerraformAsset uses it): the
 * synthesizer calls `construct[Symbol.for("cdktf/customSynthesis")].onSynthesize(session)`. It is the
 * only point that runs after every Aspect and validation, knows the stack's output directory, and
 * still precedes the collection of annotations, so error findings fail the synth (see docs/guardrails.md,
 * "Design: where the rules run"). cdktf does not export the helper from its package root, so the
 * registration is written here against the documented symbol rather than a deep import of
 * `cdktf/lib/...`, which would tie the library to one package name (cdktf and its fork cdktn).
 */
function onSynthesis(construct: IConstruct, onSynthesize: (session: ISynthesisSession) => void): void {
  Object.defineProperty(construct, Symbol.for("cdktf/customSynthesis"), { value: { onSynthesize }, enumerable: false });
}

/**
 * Rendering a stack resolves every token, which is the largest part of synthesis. cdktf renders the
 * stack once more to write `cdk.tf.json` right after custom synthesis, and nothing can change the
 * stack in between (custom synthesis only adds annotations, which are not part of the JSON), so the
 * next `toTerraform()` call returns this rendering and then the method is restored. Measured: about a
 * fifth of synthesis time for large stacks (see `npm run bench`).
 */
function reuseRenderingOnce(stack: TerraformStack, rendered: Record<string, unknown>): void {
  const own = Object.prototype.hasOwnProperty.call(stack, "toTerraform") ? stack.toTerraform : undefined;
  stack.toTerraform = () => {
    if (own) stack.toTerraform = own;
    else delete (stack as { toTerraform?: unknown }).toTerraform;
    return rendered;
  };
}

function annotate(construct: IConstruct, finding: LocatedFinding): void {
  const text = `[policy] ${formatFinding(finding)}`;
  if (finding.suppressed) Annotations.of(construct).addInfo(text);
  else if (finding.severity === "error") Annotations.of(construct).addError(text);
  else Annotations.of(construct).addWarning(text);
}

/**
 * Applies the policy pack to `stack` (one pack per stack). Where in the stack's constructor it is
 * called does not matter: rules run at synth, so constructs added after this call are checked too.
 *
 * @example applyPolicies(stack, { environmentClass: "production", requiredTags: ["Owner", "CostCenter"] })
 */
export function applyPolicies(stack: TerraformStack, props: PolicyPackProps): PolicyPack {
  const existing = stack.node.tryFindChild("PolicyPack");
  if (existing) {
    fail(stack, {
      code: "POLICY_PACK_DUPLICATE",
      property: "applyPolicies",
      value: stack.node.path,
      allowed: `one policy pack per stack (it has ${existing.node.path} already)`,
    });
  }
  return new PolicyPack(stack, "PolicyPack", props);
}

/** "did you mean" for a mistyped rule id: the known id equal ignoring case and separators, if one is. */
function closest(id: string, known: readonly string[]): string | undefined {
  const norm = (x: string) => x.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const match = known.find((k) => norm(k) === norm(id));
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
