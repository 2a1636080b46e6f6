import { publishRegistryProblem } from "../../scripts/publishing/registry-guard";

describe("publishRegistryProblem", () => {
  test("lets npm pack through whatever the registry", () => {
    expect(publishRegistryProblem({ npm_command: "pack" })).toBeUndefined();
  });

  test("refuses npm publish when no configuration names a registry (npm's default is the public one)", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_package_name: "@acme/ecs-platform" })).toBe(
      "refusing to publish @acme/ecs-platform to the public registry https://registry.npmjs.org/: set your internal registry with `@acme:registry=` in .npmrc (see .npmrc.example), npm_config_registry, or --registry",
    );
  });

  test("refuses npm publish to a public registry named explicitly", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_config_registry: "https://registry.yarnpkg.com/" })).toMatch(
      /^refusing to publish this package to the public registry https:\/\/registry\.yarnpkg\.com\//,
    );
  });

  test("allows npm publish to an internal registry", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_config_registry: "https://npm.internal.example.com/" })).toBeUndefined();
    expect(publishRegistryProblem({ npm_command: "publish", npm_config_registry: "http://127.0.0.1:4873/" })).toBeUndefined();
  });

  test("a scoped package is judged by its scope's registry, which npm publishes to", () => {
    const name = { npm_command: "publish", npm_package_name: "@acme/ecs-platform" };
    expect(
      publishRegistryProblem({
        ...name,
        "npm_config_@acme:registry": "https://npm.internal.example.com/",
        npm_config_registry: "https://registry.npmjs.org/",
      }),
    ).toBeUndefined();
    expect(
      publishRegistryProblem({
        ...name,
        "npm_config_@acme:registry": "https://registry.npmjs.org/",
        npm_config_registry: "https://npm.internal.example.com/",
      }),
    ).toMatch(/^refusing to publish @acme\/ecs-platform to the public registry https:\/\/registry\.npmjs\.org\//);
    expect(publishRegistryProblem({ ...name, npm_config_registry: "https://npm.internal.example.com/" })).toBeUndefined();
  });

  test("the package is published under a scope, so consumers can map the scope to the internal registry", () => {
    expect(require("../../package.json").name).toMatch(/^@[a-z0-9-]+\/ecs-platform$/);
  });

  test("names a registry setting that is not a URL", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_config_registry: "npm.internal" })).toBe(
      'npm_config_registry "npm.internal" is not a URL',
    );
  });
});
