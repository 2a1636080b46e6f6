import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { App, TerraformStack, Tokenization } from "cdktf";
import { fail } from "../src/core";
// The module object itself (not an import namespace copy), so its export can be replaced for cdktf's
// own callers: they call `stack_trace_1.captureStackTrace()` through it.
import cdktfStackTrace = require("cdktf/lib/tokens/private/stack-trace");

/** `PLATFORM_SYNTH=<mode> npm run synth` (or `cdktf synth`) picks the synthesis mode. */
export const SYNTH_MODE_ENV = "PLATFORM_SYNTH";
/** `PLATFORM_FAST_SYNTH=1`: the fast mode, as `PLATFORM_SYNTH=fast`. */
export const FAST_SYNTH_ENV = "PLATFORM_FAST_SYNTH";

/**
 * How {@link synthesizeApp} synthesizes; every mode writes the same `cdk.tf.json` files.
 *
 * - `single-pass`: cdktf's synthesis with one resolve of each stack instead of two (the guarded
 *   work-around below);
 * - `fast`: single pass, and no token creation stack traces (what that loses: below);
 * - `upstream`: `app.synth()` exactly as cdktf 0.21 does it, the way back if the work-around ever
 *   misbehaves.
 */
export type SynthesisMode = "single-pass" | "fast" | "upstream";
const MODES: readonly SynthesisMode[] = ["single-pass", "fast", "upstream"];

/** How {@link synthesizeApp} synthesizes. */
export interface SynthesizeAppOptions {
  /** @default - {@link synthesisModeFrom} the environment: `single-pass` unless `$PLATFORM_SYNTH` or `$PLATFORM_FAST_SYNTH` says otherwise */
  readonly mode?: SynthesisMode;
}

/** The mode `$PLATFORM_SYNTH` names (`$PLATFORM_FAST_SYNTH=1` means `fast`); `single-pass` when neither is set. */
export function synthesisModeFrom(env: NodeJS.ProcessEnv = process.env): SynthesisMode {
  const value = env[SYNTH_MODE_ENV];
  if (value === undefined || value === "") return env[FAST_SYNTH_ENV] === "1" ? "fast" : "single-pass";
  if (!(MODES as readonly string[]).includes(value)) {
    fail("stacks/fast-synthesis", {
      code: "APP_SYNTH_MODE",
      property: SYNTH_MODE_ENV,
      value,
      allowed: MODES.map((m) => `"${m}"`).join(", "),
    });
  }
  return value as SynthesisMode;
}

/**
 * Builds the app with `build` and synthesizes it. By default with one resolve of each stack instead
 * of cdktf 0.21's two, and in the opt-in fast mode also without token creation stack traces: two
 * costs of cdktf that have no switch upstream (its `stackTraces: false` only affects annotations).
 *
 * 1. The double resolve (every mode but `upstream`): `App.synth()` resolves every stack twice, a
 *    "preparing" resolve whose only job is to find cross-stack references (and to add the default
 *    local backend), then the resolve that writes `cdk.tf.json`. This keeps the backend step,
 *    skips the first resolve, and lets the second one find cross-stack references instead. Guard:
 *    a stack that gains a remote-state input while it renders is rendered again, a stack that gains
 *    a cross-stack output after its file was written is written again, and the manifest's stack
 *    dependencies are redone, so cross-stack references produce the same files as upstream.
 * 2. Token creation stack traces: every token (`Lazy`, `Intrinsic`, attribute references) captures
 *    a full stack trace when it is created (`Error.stackTraceLimit` raised to the maximum), about
 *    80 per service, and formats it into strings at once; cdktf only prints them when a token fails
 *    to resolve. `single-pass` captures the same trace but formats it on first use
 *    ({@link formatTokenStackTracesLazily}): nothing is lost. The fast mode skips those captures
 *    ({@link skipTokenStackTraces}); a resolve error then comes without "Object creation stack".
 *
 * Every change is undone when synthesis ends, also on error. HCL output (`hclOutput`) has its own
 * render path and is always left to upstream.
 */
export function synthesizeApp(build: () => App, options: SynthesizeAppOptions = {}): App {
  const mode = options.mode ?? synthesisModeFrom();
  const restore: Array<() => void> = [];
  if (mode === "fast") restore.push(skipTokenStackTraces());
  if (mode === "single-pass") restore.push(formatTokenStackTracesLazily());
  try {
    const app = build();
    if (mode === "upstream" || app.hclOutput) app.synth();
    else synthesizeOnce(app, restore);
    return app;
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/**
 * cdktf's and constructs' `captureStackTrace` raise `Error.stackTraceLimit` to
 * `Number.MAX_SAFE_INTEGER` and capture into a fresh `{ stack: "" }` holder; when the holder stays
 * empty they record no trace. Only that call shape is skipped: errors keep their stack traces.
 */
export function skipTokenStackTraces(): () => void {
  const original = Error.captureStackTrace;
  Error.captureStackTrace = function captureStackTrace(target: object, constructorOpt?: (...args: any[]) => unknown): void {
    if (Error.stackTraceLimit === Number.MAX_SAFE_INTEGER && isEmptyTraceHolder(target)) return;
    original.call(Error, target, constructorOpt);
  };
  return () => {
    Error.captureStackTrace = original;
  };
}

/**
 * cdktf 0.21's `captureStackTrace` (lib/tokens/private/stack-trace) formats every trace into an
 * array of strings when the token is created, which costs most of the trace (V8 formats each frame;
 * capturing them is about a third of the cost). This replaces it, for cdktf's own callers, with a
 * capture of the same frames whose strings are made on first use: the token's `creationStack` is an
 * array with the same entries as cdktf's, filled when an error message first reads it. When cdktf
 * has no such export (another version), nothing changes.
 */
export function formatTokenStackTracesLazily(): () => void {
  const module = cdktfStackTrace as { captureStackTrace?: unknown };
  const original = module.captureStackTrace;
  if (typeof original !== "function") return () => undefined;
  module.captureStackTrace = function captureStackTrace(below?: (...args: any[]) => unknown): string[] {
    // cdktf's holder shape, so that the fast mode's skip (and the test suite's) still applies.
    const holder = { stack: "" };
    const previousLimit = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
      Error.captureStackTrace(holder, below ?? captureStackTrace);
    } finally {
      Error.stackTraceLimit = previousLimit;
    }
    return lazyArray(() =>
      holder.stack
        ? holder.stack
            .split("\n")
            .slice(1)
            .map((line) => line.replace(/^\s*at\s+/, ""))
        : [],
    );
  };
  return () => {
    module.captureStackTrace = original;
  };
}

/** An array whose entries `fill` makes the first time anything reads it. */
function lazyArray(fill: () => string[]): string[] {
  let filled = false;
  const ensure = (target: string[]) => {
    if (!filled) {
      filled = true;
      target.push(...fill());
    }
  };
  return new Proxy([] as string[], {
    get: (target, key, receiver) => (ensure(target), Reflect.get(target, key, receiver)),
    has: (target, key) => (ensure(target), Reflect.has(target, key)),
    ownKeys: (target) => (ensure(target), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, key) => (ensure(target), Reflect.getOwnPropertyDescriptor(target, key)),
  });
}

function isEmptyTraceHolder(target: object): boolean {
  if (target === null || typeof target !== "object" || target instanceof Error) return false;
  const keys = Object.keys(target);
  return keys.length === 1 && keys[0] === "stack" && (target as { stack: unknown }).stack === "";
}

function patch<T extends object, K extends keyof T>(target: T, key: K, value: T[K], restore: Array<() => void>): void {
  const own = Object.prototype.hasOwnProperty.call(target, key);
  const previous = target[key];
  target[key] = value;
  restore.push(() => {
    if (own) target[key] = previous;
    else delete target[key];
  });
}

function synthesizeOnce(app: App, restore: Array<() => void>): void {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const rendered = new Set<TerraformStack>();
  const rewrite = new Set<TerraformStack>();
  const incoming = new Map<TerraformStack, number>();

  const resolve = Tokenization.resolve;
  // The resolve that writes the files now also does the preparing resolve's job.
  patch(Tokenization, "resolve", (obj, options) => resolve.call(Tokenization, obj, { ...options, preparing: true }), restore);

  const crossStackReference = app.crossStackReference;
  patch(
    app,
    "crossStackReference",
    (fromStack: TerraformStack, toStack: TerraformStack, identifier: string) => {
      const result = crossStackReference.call(app, fromStack, toStack, identifier);
      // The producer gained an output; if its file is written already, it is written again below.
      if (rendered.has(fromStack)) rewrite.add(fromStack);
      incoming.set(toStack, (incoming.get(toStack) ?? 0) + 1);
      return result;
    },
    restore,
  );

  for (const stack of stacks) {
    patch(stack, "prepareStack", () => void stack.ensureBackendExists(), restore);
    const render = stack.toTerraform;
    patch(
      stack,
      "toTerraform",
      () => {
        const before = incoming.get(stack) ?? 0;
        let json = render.call(stack);
        // The stack read another stack's attribute during this render: the remote-state data source
        // cdktf added for it was not yet among the elements rendered, so render once more.
        if ((incoming.get(stack) ?? 0) !== before) json = render.call(stack);
        rendered.add(stack);
        return json;
      },
      restore,
    );
  }

  app.synth();

  if (incoming.size === 0) return;
  // The serializer cdktf writes cdk.tf.json with, so rewritten files are byte-identical to upstream's.
  const stringify = createRequire(require.resolve("cdktf"))("json-stable-stringify") as (v: unknown, o: object) => string;
  for (const stack of rewrite) {
    const file = join(app.outdir, app.manifest.forStack(stack).synthesizedStackPath);
    writeFileSync(file, stringify(stack.toTerraform(), { space: 2 }));
  }
  // The manifest took each stack's dependencies before the stack rendered; cross-stack references
  // add them while rendering now, so the manifest (which `cdktf deploy` orders stacks by) is redone.
  for (const stack of stacks) {
    (app.manifest.forStack(stack) as { dependencies: string[] }).dependencies = stack.dependencies.map((d) => d.node.path);
  }
  app.manifest.writeToFile();
}
