/**
 * Registries that host public packages. This library is published to an internal registry only;
 * publishing to one of these by accident (a missing `.npmrc`) would make the code public.
 */
export const PUBLIC_REGISTRY_HOSTS: readonly string[] = ["registry.npmjs.org", "registry.yarnpkg.com", "registry.npmmirror.com"];

/** npm's built-in default, which applies when no configuration names a registry. */
export const NPM_DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/**
 * Why `npm publish` must not go on, or undefined when it may. npm exports the registry it will
 * publish to as `npm_config_registry` to lifecycle scripts when any configuration sets it (CLI
 * flag, environment, `.npmrc`); package.json deliberately has no `publishConfig.registry`, which
 * would override all of those. For a scoped package the scope's registry (`npm_config_@acme:registry`)
 * wins, as npm publishes there. Only `npm publish` is checked: `npm pack` writes a local tarball.
 */
export function publishRegistryProblem(env: NodeJS.ProcessEnv): string | undefined {
  if (env.npm_command !== "publish") return undefined;
  // A scoped package goes to its scope's registry (`@acme:registry=` in .npmrc) when one is set.
  const scope = /^(@[^/]+)\//.exec(env.npm_package_name ?? "")?.[1];
  const registry = (scope && env[`npm_config_${scope}:registry`]) || env.npm_config_registry || NPM_DEFAULT_REGISTRY;
  let host: string;
  try {
    host = new URL(registry).hostname;
  } catch {
    return `npm_config_registry "${registry}" is not a URL`;
  }
  if (!PUBLIC_REGISTRY_HOSTS.includes(host)) return undefined;
  return (
    `refusing to publish ${env.npm_package_name ?? "this package"} to the public registry ${registry}: ` +
    `set your internal registry with \`${scope ? `${scope}:registry=` : "registry="}\` in .npmrc (see .npmrc.example), npm_config_registry, or --registry`
  );
}
