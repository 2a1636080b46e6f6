import { ValidationError } from "../src/core";
import { buildPlatformApp } from "./app";
import { synthesizeApp } from "./fast-synthesis";

// One resolve per stack by default; `PLATFORM_SYNTH=fast` or `upstream` picks another mode (see
// stacks/fast-synthesis.ts).
//
// Synthesized from a fresh call stack, not from inside the module loader: cdktf captures a full
// stack trace for every token it creates (about 80 per service), and each trace then carries the
// loader's frames (run-app.cjs, Node's Module._compile/_load/run_main: 6 to 9 frames of ~20) too.
// Same files, fewer frames to capture and keep: see docs/performance.md.
setImmediate(() => {
  try {
    synthesizeApp(() => buildPlatformApp().app);
  } catch (error) {
    // Bad input says what is wrong and where; its stack trace would only point into the bundle.
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
});
