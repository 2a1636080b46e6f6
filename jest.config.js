/**
 * Three jest projects (membership: __tests__/projects.js; docs/testing.md):
 *   npx jest --selectProjects unit        in-process tests, no Terraform
 *   npx jest --selectProjects offline     the real provider: offline plans, prior states, the checker
 *   npx jest --selectProjects publishing  the package as it ships
 * `npm test` runs all three. Tests are transpiled without type information (fast); `tsc --noEmit`
 * type-checks once in `npm test`.
 */
const { projectFiles } = require("./__tests__/projects");

const files = projectFiles();
const shared = {
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/__tests__"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
};
const project = (name, setupFiles = []) => ({
  ...shared,
  displayName: name,
  testMatch: files[name].map((file) => `<rootDir>/${file}`),
  setupFilesAfterEnv: [...setupFiles, "<rootDir>/__tests__/setup.ts"],
});

module.exports = {
  projects: [project("unit", ["<rootDir>/__tests__/unit-guard.ts"]), project("offline"), project("publishing")],
  // Terraform runs take seconds each; speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 600000,
  // Jest's default on 2 cores is 1 worker; the file waiting on the combined Terraform run would then
  // hold up every unit test. Two workers overlap them (measured: 97 s -> 60 s for the whole suite).
  maxWorkers: 2,
  // Files that read offline plans run last while globalSetup computes the plans in the background.
  testSequencer: "<rootDir>/__tests__/offline/sequencer.js",
  globalSetup: "<rootDir>/__tests__/offline/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/offline/global-teardown.ts",
};
