import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * cdktf turns a token of one stack used in another into an output of the producer
 * (`cross-stack-output-…`) and a `terraform_remote_state` data source in the consumer named
 * `cross-stack-reference-input-<producer stack>`. Offline, there is no state to read (and an S3
 * backend would need the network), so a combined check feeds each such input from the producer's
 * module in the same run: the consumer's copy gets a variable instead of the data source, and the
 * root passes the producer module's outputs to it. The consumer's plan then shows the producer's
 * values as Terraform would on a first deploy of both (known values, or "known after apply").
 */
const INPUT_PREFIX = "cross-stack-reference-input-";

/** A remote-state input of a stack that reads another stack of the same app. */
export interface CrossStackInput {
  /** The data source's name in the consumer. */
  readonly dataSource: string;
  /** The producer stack's name (its directory under `cdktf.out/stacks/`). */
  readonly producer: string;
}

function readStack(stackDir: string): any {
  const file = join(stackDir, "cdk.tf.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

/** The cross-stack inputs of a synthesized stack. */
export function crossStackInputs(stackJson: any): CrossStackInput[] {
  return Object.keys(stackJson?.data?.terraform_remote_state ?? {})
    .filter((name) => name.startsWith(INPUT_PREFIX))
    .map((dataSource) => ({ dataSource, producer: dataSource.slice(INPUT_PREFIX.length) }));
}

/**
 * `stackDirs` plus every producer they read (recursively), found beside them (`cdktf.out/stacks/<producer>`),
 * producers first. Throws with the consumer's and producer's names when a producer is not there.
 */
export function withProducers(stackDirs: readonly string[]): string[] {
  const ordered: string[] = [];
  const visit = (dir: string, chain: string[]) => {
    const full = resolve(dir);
    if (ordered.includes(full)) return;
    if (chain.includes(full))
      throw new Error(`stacks read each other's state in a cycle: ${[...chain, full].map((d) => basename(d)).join(" -> ")}`);
    for (const input of crossStackInputs(readStack(full))) {
      const producer = join(dirname(full), input.producer);
      if (!existsSync(join(producer, "cdk.tf.json"))) {
        throw new Error(
          `stack "${basename(full)}" reads the outputs of stack "${input.producer}", which is not synthesized beside it (${producer}): synthesize the whole app`,
        );
      }
      visit(producer, [...chain, full]);
    }
    ordered.push(full);
  };
  stackDirs.forEach((d) => visit(d, []));
  return ordered;
}

const variableName = (producer: string) => `cross_stack_${producer.replace(/[^a-zA-Z0-9_]/g, "_")}`;

/**
 * The consumer's configuration with each cross-stack input replaced by a variable, and the
 * arguments its module block needs: `{ <variable>: { <output>: "${module.<producer>.<output>}" } }`.
 * cdktf marks cross-stack outputs sensitive; remote state drops that mark, so the values are passed
 * with `nonsensitive()` to keep the consumer's plan the one it would have against real state.
 */
export function feedCrossStackInputs(
  stackJson: any,
  producerJson: (producer: string) => any,
  moduleOf: (producer: string) => string,
): { stackJson: any; moduleArguments: Record<string, unknown> } {
  const inputs = crossStackInputs(stackJson);
  if (inputs.length === 0) return { stackJson, moduleArguments: {} };
  let text = JSON.stringify(stackJson);
  const moduleArguments: Record<string, unknown> = {};
  for (const { dataSource, producer } of inputs) {
    const variable = variableName(producer);
    text = text.split(`data.terraform_remote_state.${dataSource}.outputs.`).join(`var.${variable}.`);
    const outputs = (producerJson(producer)?.output ?? {}) as Record<string, { sensitive?: boolean }>;
    moduleArguments[variable] = Object.fromEntries(
      Object.entries(outputs).map(([name, o]) => {
        const ref = `module.${moduleOf(producer)}.${name}`;
        return [name, o.sensitive ? `\${nonsensitive(${ref})}` : `\${${ref}}`];
      }),
    );
  }
  const json = JSON.parse(text);
  for (const { dataSource, producer } of inputs) {
    delete json.data.terraform_remote_state[dataSource];
    json.variable = { ...(json.variable ?? {}), [variableName(producer)]: { type: "any" } };
  }
  if (Object.keys(json.data.terraform_remote_state).length === 0) delete json.data.terraform_remote_state;
  if (Object.keys(json.data).length === 0) delete json.data;
  return { stackJson: json, moduleArguments };
}
