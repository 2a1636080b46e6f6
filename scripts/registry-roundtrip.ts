/**
 * Publishes this package to a private npm registry and consumes it from there, the way a platform
 * team would: `npm run publish:roundtrip [-- --keep]`.
 *
 * 1. Starts Verdaccio on a free localhost port with a temporary storage directory, proxying every
 *    other package from the registry npm is configured with (`npm config get registry`).
 * 2. Registers a publisher and runs `npm publish` here, with the registry taken from configuration
 *    (`npm_config_registry`), so `prepack` runs the registry guard and `npm run build`.
 * 3. Creates a consumer project in a temporary directory that installs the package, its peers and
 *    TypeScript from that registry alone (npm user and global config replaced, and every `resolved`
 *    URL in its lockfile checked), type-checks it with CommonJS/node10 and node16 resolution,
 *    synthesizes a stack built with the public API, and runs the package's own offline
 *    `terraform validate` + `plan -refresh=false` on it.
 * 4. Stops the registry and deletes the temporary directory, also on failure (`--keep` keeps it).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CommandError, runCommand } from "../src/terraform/command";
import { parseCommandLine } from "./command-line";
import { consumerProject } from "./publishing/consumer-project";
import { RunningRegistry, startRegistry } from "./publishing/verdaccio";

const root = join(__dirname, "..");

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

/** The environment without what `npm run` exports (`npm_config_*`, `npm_package_*`, ...), plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
  return { ...env, CHECKPOINT_DISABLE: "1", ...extra };
}

async function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return await runCommand(command, args, { cwd, env, timeout: 15 * 60 * 1000 });
  } catch (error) {
    const e = error as CommandError;
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${[e.stdout, e.stderr].filter(Boolean).join("\n") || e.message}`);
  }
}

const timings: Array<[string, number]> = [];
async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`- ${name} ... `);
  const result = await action();
  const seconds = (performance.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`${seconds.toFixed(1)} s`);
  return result;
}

/** Every package in the consumer's lockfile must have come from `registryUrl`. */
function checkLockfile(consumerDir: string, registryUrl: string): number {
  const lock = JSON.parse(readFileSync(join(consumerDir, "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string; link?: boolean; inBundle?: boolean }>;
  };
  // Bundled dependencies (cdktf bundles its own) come inside their parent's tarball.
  const installed = Object.entries(lock.packages).filter(([path, p]) => path !== "" && !p.link && !p.inBundle);
  const foreign = installed.filter(([, p]) => !p.resolved?.startsWith(registryUrl));
  if (foreign.length > 0) {
    throw new Error(
      `not installed from ${registryUrl}: ${foreign
        .slice(0, 10)
        .map(([path, p]) => `${path} (${p.resolved ?? "no resolved URL"})`)
        .join(", ")}`,
    );
  }
  return installed.length;
}

/** The installed package holds what `files` allows, nothing from the repository around it. */
function checkInstalledPackage(consumerDir: string, manifest: Manifest): void {
  const dir = join(consumerDir, "node_modules", manifest.name);
  const installed = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
  if (installed.version !== manifest.version)
    throw new Error(`installed ${manifest.name}@${installed.version}, published ${manifest.version}`);
  for (const unwanted of ["src", "__tests__", "stacks", "scripts", "docs", "tsconfig.json"]) {
    if (existsSync(join(dir, unwanted))) throw new Error(`the published package contains ${unwanted}`);
  }
  for (const wanted of ["dist/index.js", "dist/index.d.ts", "CHANGELOG.md"]) {
    if (!existsSync(join(dir, wanted))) throw new Error(`the published package lacks ${wanted}`);
  }
}

async function roundTrip(tmp: string, manifest: Manifest, onRegistry: (r: RunningRegistry) => void): Promise<void> {
  // Asked with the caller's environment, so `npm_config_registry=... npm run publish:roundtrip` counts.
  const uplinkUrl = (await sh(root, "npm", ["config", "get", "registry"], process.env)).trim();
  const registry = await step(`start Verdaccio (uplink ${uplinkUrl})`, () =>
    startRegistry({ dir: join(tmp, "registry"), uplinkUrl, packageName: manifest.name }),
  );
  onRegistry(registry);
  const host = registry.url.replace(/^https?:/, "");
  // Empty global config and our own user config: nothing on this machine can redirect npm.
  const globalConfig = join(tmp, "global.npmrc");
  writeFileSync(globalConfig, "");

  const token = await registry.addUser("roundtrip-publisher", randomBytes(16).toString("hex"));
  const publisherConfig = join(tmp, "publisher.npmrc");
  writeFileSync(publisherConfig, `${host}:_authToken=${token}\n`);
  const publishEnv = cleanEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: publisherConfig,
    npm_config_globalconfig: globalConfig,
  });
  await step(`npm publish ${manifest.name}@${manifest.version} (prepack: guard, build, API docs check)`, () =>
    sh(root, "npm", ["publish", "--no-audit", "--no-fund"], publishEnv),
  );
  const packument = (await (await fetch(`${registry.url}${manifest.name.replace("/", "%2f")}`)).json()) as {
    "dist-tags"?: { latest?: string };
  };
  if (packument["dist-tags"]?.latest !== manifest.version)
    throw new Error(`the registry does not serve ${manifest.name}@${manifest.version}`);

  const consumerDir = join(tmp, "consumer");
  mkdirSync(consumerDir);
  const peers = Object.fromEntries(Object.keys(manifest.peerDependencies).map((name) => [name, manifest.devDependencies[name]]));
  const tools = { typescript: manifest.devDependencies.typescript, "@types/node": manifest.devDependencies["@types/node"] };
  for (const [path, text] of Object.entries(
    consumerProject({ packageName: manifest.name, packageVersion: manifest.version, dependencies: peers, devDependencies: tools }),
  )) {
    writeFileSync(join(consumerDir, path), text);
  }
  const consumerConfig = join(tmp, "consumer.npmrc");
  // As .npmrc.example tells consumers: the package's scope maps to the internal registry, so a
  // package of the same name elsewhere can never be installed instead.
  const scope = manifest.name.split("/")[0];
  writeFileSync(consumerConfig, `registry=${registry.url}\n${scope}:registry=${registry.url}\n`);
  const consumerEnv = cleanEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: consumerConfig,
    npm_config_globalconfig: globalConfig,
    npm_config_cache: join(tmp, "npm-cache"),
  });
  await step("consumer: npm install from the private registry", () =>
    sh(consumerDir, "npm", ["install", "--no-audit", "--no-fund"], consumerEnv),
  );
  const count = checkLockfile(consumerDir, registry.url);
  checkInstalledPackage(consumerDir, manifest);
  console.log(`  ${count} packages, every one resolved from ${registry.url}`);
  await step("consumer: tsc (commonjs/node10 and node16 resolution)", () => sh(consumerDir, "npm", ["run", "build"], consumerEnv));
  const output = await step("consumer: synth + terraform validate + plan -refresh=false", () =>
    sh(consumerDir, "npm", ["start", "--silent"], consumerEnv),
  );
  console.log(`  ${output.trim()}`);
}

async function main(): Promise<number> {
  const keep = parseCommandLine("npm run publish:roundtrip [-- --keep]", { options: { keep: { type: "boolean", default: false } } }).values
    .keep;
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
  const tmp = mkdtempSync(join(tmpdir(), "registry-roundtrip-"));
  let registry: RunningRegistry | undefined;
  const cleanUp = async () => {
    await registry?.stop();
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  const started = performance.now();
  try {
    await roundTrip(tmp, manifest, (r) => (registry = r));
    console.log(
      `ok: published and consumed ${manifest.name}@${manifest.version} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    console.log("");
    console.error(`FAIL: ${(error as Error).message}`);
    console.error(
      keep
        ? `registry log: ${join(tmp, "registry", "verdaccio.log")}`
        : "run with --keep to keep the registry, its log and the consumer project",
    );
    return 1;
  } finally {
    await step(keep ? "stop the registry" : "stop the registry and delete the temporary directory", cleanUp);
    if (keep) console.log(`kept ${tmp}`);
  }
}

main().then((code) => process.exit(code));
