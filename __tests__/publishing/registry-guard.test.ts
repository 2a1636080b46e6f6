import { publishRegistryProblem } from "../../scripts/publishing/registry-guard";

describe("publishRegistryProblem", () => {
  test("lets npm pack through whatever the registry", () => {
    expect(publishRegistryProblem({ npm_command: "pack" })).toBeUndefined();
  });

  test("refuses npm publish when no configuration names a registry (npm's default is the public one)", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_package_name: "cdktf-ecs-platform" })).toBe(
      "refusing to publish cdktf-ecs-platform to the public registry https://registry.npmjs.org/: set your internal registry with `registry=` in .npmrc (see .npmrc.example), npm_config_registry, or --registry",
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

  test("names a registry setting that is not a URL", () => {
    expect(publishRegistryProblem({ npm_command: "publish", npm_config_registry: "npm.internal" })).toBe(
      'npm_config_registry "npm.internal" is not a URL',
    );
  });
});
