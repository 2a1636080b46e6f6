import { buildPlatformApp } from "./app";
import { synthesizeApp } from "./fast-synthesis";

// `PLATFORM_FAST_SYNTH=1` opts into the fast mode (see stacks/fast-synthesis.ts).
//
// Synthesized from a fresh call stack, not from inside the module loader: cdktf captures a full
// stack trace for every token it creates (about 80 per service), and each trace then carries the
// loader's frames (run-app.cjs, Node's Module._compile/_load/run_main: 6 to 9 frames of ~20) too.
// Same files, fewer frames to capture and keep: see docs/performance.md.
setImmediate(() => synthesizeApp(() => buildPlatformApp().app));
