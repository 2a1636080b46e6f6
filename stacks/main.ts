import { buildPlatformApp } from "./app";
import { synthesizeApp } from "./fast-synthesis";

// `PLATFORM_FAST_SYNTH=1` opts into the fast mode (see stacks/fast-synthesis.ts).
synthesizeApp(() => buildPlatformApp().app);
