import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Lazy, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { buildPlatformApp } from "../../stacks/app";
import { formatTokenStackTracesLazily, synthesisModeFrom, synthesizeApp, type SynthesisMode } from "../../stacks/fast-synthesis";
import { buildGeneratedSplit } from "../../scripts/bench/generated-stack";
import { ValidationError } from "../../src/core";
import { keepTokenCreationTraces, skipTokenCreationTraces } from "../token-traces";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file cdktf wrote for the stacks (cdk.tf.json, and the manifest), by relative path. */
function synthesizedFiles(build: (app: App) => void, mode: SynthesisMode): Record<string, string> {
  return appFiles((outdir) => {
    const app = new App({ outdir });
    build(app);
    return app;
  }, mode);
}

/** The same for an app `build` creates with the given outdir. */
function appFiles(build: (outdir: string) => App, mode: SynthesisMode): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), `fast-synth-${mode}-`));
  dirs.push(outdir);
  synthesizeApp(() => build(outdir), { mode });
  const files: Record<string, string> = {};
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    files[`stacks/${stack}/cdk.tf.json`] = readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
  }
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  // Annotation stack traces are the fast mode's one intended difference; the rest must match.
  if (mode === "fast") for (const stack of Object.values<any>(manifest.stacks)) for (const a of stack.annotations) delete a.stacktrace;
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

describe("synthesizeApp: one resolve per stack (the default), the fast mode and upstream", () => {
  const unstable = (files: Record<string, string>) => {
    // Annotation stack traces differ in the fast mode only; upstream's are compared as they are.
    const manifest = JSON.parse(files["manifest.json"]);
    for (const stack of Object.values<any>(manifest.stacks)) for (const a of stack.annotations) delete a.stacktrace;
    return { ...files, "manifest.json": JSON.stringify(manifest, null, 2) };
  };

  test("writes cdktf's own files for every stack of the app cdktf.json runs", () => {
    const build = (outdir: string) => buildPlatformApp({ outdir, bootstrapBackend: "s3" }).app;
    const upstream = appFiles(build, "upstream");
    expect(Object.keys(upstream).length).toBeGreaterThanOrEqual(9);
    expect(appFiles(build, "single-pass")).toEqual(upstream);
    expect(appFiles(build, "fast")).toEqual(unstable(upstream));
  });

  test("writes cdktf's own files for the split layout (service groups reading the platform stack)", () => {
    const build = (app: App) => void buildGeneratedSplit(app, 4, 2, "split");
    const upstream = synthesizedFiles(build, "upstream");
    expect(JSON.stringify(upstream)).toContain("terraform_remote_state");
    expect(synthesizedFiles(build, "single-pass")).toEqual(upstream);
    expect(synthesizedFiles(build, "fast")).toEqual(unstable(upstream));
  });

  test.each([
    ["the producer is synthesized first (its file is written again)", false],
    ["the consumers are synthesized first", true],
  ])("keeps cross-stack references working when %s", (_name, consumersFirst) => {
    const upstream = synthesizedFiles((app) => crossStackApp(app, consumersFirst), "upstream");
    expect(synthesizedFiles((app) => crossStackApp(app, consumersFirst), "single-pass")).toEqual(upstream);
    const fast = synthesizedFiles((app) => crossStackApp(app, consumersFirst), "fast");
    expect(fast).toEqual(unstable(upstream));
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

  test("takes the mode from PLATFORM_SYNTH, PLATFORM_FAST_SYNTH=1 as the fast mode, single-pass by default", () => {
    expect(synthesisModeFrom({})).toBe("single-pass");
    expect(synthesisModeFrom({ PLATFORM_FAST_SYNTH: "1" })).toBe("fast");
    expect(synthesisModeFrom({ PLATFORM_SYNTH: "upstream", PLATFORM_FAST_SYNTH: "1" })).toBe("upstream");
    expect(synthesisModeFrom({ PLATFORM_SYNTH: "fast" })).toBe("fast");
    expect(() => synthesisModeFrom({ PLATFORM_SYNTH: "quick" })).toThrow(ValidationError);
    expect(() => synthesisModeFrom({ PLATFORM_SYNTH: "quick" })).toThrow(
      'stacks/fast-synthesis: invalid PLATFORM_SYNTH "quick": expected "single-pass", "fast", "upstream" [APP_SYNTH_MODE]',
    );
  });

  test("skips token creation traces only while the app is built and synthesized, in the fast mode only", () => {
    // The suite skips them everywhere (token-traces.ts); this test needs cdktf's own behaviour.
    keepTokenCreationTraces();
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
      { mode: "fast" },
    );
    expect(inside).toEqual([]);
    // Errors keep their traces, and everything is restored afterwards.
    expect(errorStack?.split("\n").length).toBeGreaterThan(2);
    expect((Lazy.anyValue({ produce: () => 1 }) as any).creationStack.length).toBeGreaterThan(0);
    let singlePass: string[] | undefined;
    synthesizeApp(
      () => {
        singlePass = (Lazy.anyValue({ produce: () => 1 }) as any).creationStack;
        const outdir = mkdtempSync(join(tmpdir(), "fast-synth-trace-"));
        dirs.push(outdir);
        return new App({ outdir });
      },
      { mode: "single-pass" },
    );
    expect(singlePass!.length).toBeGreaterThan(0);
    skipTokenCreationTraces();
  });

  describe("single-pass: token creation traces formatted on first use", () => {
    // Both helpers create the token from the same line of the same function.
    const tokenTrace = (): string[] => (Lazy.anyValue({ produce: () => 1 }) as any).creationStack;
    function failingToken(): string {
      return Lazy.stringValue({
        produce: () => {
          throw new Error("cannot produce");
        },
      });
    }

    beforeAll(() => keepTokenCreationTraces());
    afterAll(() => skipTokenCreationTraces());

    test("a token's creation stack has the entries cdktf's own capture gives it", () => {
      const upstream = tokenTrace();
      const restore = formatTokenStackTracesLazily();
      let lazy: string[];
      try {
        lazy = tokenTrace();
      } finally {
        restore();
      }
      expect(Array.isArray(lazy)).toBe(true);
      expect(lazy.length).toBe(upstream.length);
      // The same frames down to the test's own function (the callers below it differ by a line).
      const own = upstream.findIndex((frame) => frame.startsWith("tokenTrace "));
      expect(own).toBeGreaterThan(0);
      expect(lazy.slice(0, own + 1).map((f) => f.replace(/:\d+:\d+\)$/, ")"))).toEqual(
        upstream.slice(0, own + 1).map((f) => f.replace(/:\d+:\d+\)$/, ")")),
      );
      expect([...lazy].join("\n")).toBe(lazy.join("\n"));
    });

    test("a resolution error still names where the token was created", () => {
      const outdir = mkdtempSync(join(tmpdir(), "fast-synth-error-"));
      dirs.push(outdir);
      const synth = () =>
        synthesizeApp(
          () => {
            const app = new App({ outdir });
            const stack = new TerraformStack(app, "failing");
            new TerraformOutput(stack, "value", { value: failingToken() });
            return app;
          },
          { mode: "single-pass" },
        );
      expect(synth).toThrow(/cannot produce[^]*Object creation stack:\n {2}at [^]*failingToken/);
    });
  });
});
