/** Tests are transpiled without type information (fast); `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Terraform runs take seconds each; speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 600000,
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/offline/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/offline/global-teardown.ts",

};
