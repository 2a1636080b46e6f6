import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Lazy, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { dev } from "../../stacks/environments";
import { validateEnvironmentConfig } from "../../stacks/environments/validate";
import { synthesizeApp } from "../../stacks/fast-synthesis";
import { keepTokenCreationTraces } from "../token-traces";

// This file compares the fast mode with cdktf's own behaviour, token creation traces included.
keepTokenCreationTraces();

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file cdktf wrote for the stacks (cdk.tf.json, and the manifest), by relative path. */
function synthesizedFiles(build: (app: App) => void, fast: boolean): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), `fast-synth-${fast}-`));
  dirs.push(outdir);
  synthesizeApp(
    () => {
      const app = new App({ outdir });
      build(app);
      return app;
    },
    { fast },
  );
  const files: Record<string, string> = {};
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    files[`stacks/${stack}/cdk.tf.json`] = readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
  }
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  // Annotation stack traces are the one intended difference; the rest of the manifest must match.
  for (const stack of Object.values<any>(manifest.stacks)) for (const a of stack.annotations) delete a.stacktrace;
  files["manifest.json"] = JSON.stringify(manifest, null, 2);
  return files;
}

/** A producer stack with a queue and a topic, and consumers that read their attributes. */
function crossStackApp(app: App, consumersFirst: boolean): void {
  const stack = (id: string) => {
    const s = new TerraformStack(app, id);
    new AwsProvider(s, "aws", { region: "eu-west-1" });
    new LocalBackend(s, { path: `${id}.tfstate` });
    return s;
  };
  const consumers = consumersFirst ? [stack("consumer-a"), stack("consumer-b")] : [];
  const producer = stack("producer");
  const queue = new SqsQueue(producer, "Queue", { name: "jobs" });
  const topic = new SnsTopic(producer, "Topic", { name: "events" });
  if (!consumersFirst) consumers.push(stack("consumer-a"), stack("consumer-b"));
  const [a, b] = consumers;
  new SqsQueue(a, "Dlq", { name: "dlq", redrivePolicy: JSON.stringify({ deadLetterTargetArn: queue.arn, maxReceiveCount: 5 }) });
  new TerraformOutput(a, "topic", { value: topic.arn });
  new SqsQueue(b, "Mirror", { name: `${queue.name}-mirror` });
}

describe("synthesizeApp in the fast mode", () => {
  test("writes the same Terraform and manifest as cdktf for an environment stack", () => {
    const build = (app: App) => void new EnvironmentStack(app, validateEnvironmentConfig(dev));
    expect(synthesizedFiles(build, true)).toEqual(synthesizedFiles(build, false));
  });

  test.each([
    ["the producer is synthesized first (its file is written again)", false],
    ["the consumers are synthesized first", true],
  ])("keeps cross-stack references working when %s", (_name, consumersFirst) => {
    const fast = synthesizedFiles((app) => crossStackApp(app, consumersFirst), true);
    expect(fast).toEqual(synthesizedFiles((app) => crossStackApp(app, consumersFirst), false));
    // What cdktf generates for a cross-stack reference reached the files: outputs and remote state.
    const producer = JSON.parse(fast["stacks/producer/cdk.tf.json"]);
    // Three attributes read across stacks: the queue's arn and name, the topic's arn.
    expect(Object.keys(producer.output)).toHaveLength(3);
    for (const key of Object.keys(producer.output)) expect(key).toMatch(/^cross-stack-output-/);
    const consumer = JSON.parse(fast["stacks/consumer-a/cdk.tf.json"]);
    expect(consumer.data.terraform_remote_state).toBeDefined();
    expect(JSON.stringify(consumer.resource.aws_sqs_queue)).toMatch(
      /data\.terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-aws_sqs_queue/,
    );
  });

  test("skips token creation traces only while the app is built and synthesized", () => {
    let inside: string[] | undefined;
    let errorStack: string | undefined;
    synthesizeApp(
      () => {
        inside = (Lazy.anyValue({ produce: () => 1 }) as any).creationStack;
        errorStack = new Error("still traced").stack;
        const outdir = mkdtempSync(join(tmpdir(), "fast-synth-trace-"));
        dirs.push(outdir);
        return new App({ outdir });
      },
      { fast: true },
    );
    expect(inside).toEqual([]);
    // Errors keep their traces, and everything is restored afterwards.
    expect(errorStack?.split("\n").length).toBeGreaterThan(2);
    expect((Lazy.anyValue({ produce: () => 1 }) as any).creationStack.length).toBeGreaterThan(0);
  });
});
