/** Tests are transpiled without type information (fast); `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Terraform runs take seconds each; speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 600000,
  // Jest's default on 2 cores is 1 worker; the file waiting on the combined Terraform run would then
  // hold up every unit test. Two workers overlap them (measured: 97 s -> 60 s for the whole suite).
  maxWorkers: 2,
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // Files that read offline plans run last while globalSetup computes the plans in the background.
  testSequencer: "<rootDir>/__tests__/offline/sequencer.js",
  globalSetup: "<rootDir>/__tests__/offline/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/offline/global-teardown.ts",
};
