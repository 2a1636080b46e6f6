import { buildPlatformApp } from "./app";

buildPlatformApp().app.synth();
