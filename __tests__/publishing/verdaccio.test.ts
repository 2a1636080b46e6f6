import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, RunningRegistry, startRegistry, verdaccioConfig } from "../../scripts/publishing/verdaccio";

const run = promisify(execFile);
const PACKAGE = "@acme/ecs-platform";

describe("verdaccioConfig", () => {
  const config = verdaccioConfig({ dir: "/tmp/r", uplinkUrl: "https://npm.example.com/", packageName: PACKAGE }) as any;

  test("serves the package from local storage only, so a public package of the same name cannot stand in", () => {
    expect(config.packages[PACKAGE]).toEqual({ access: "$all", publish: "$authenticated", unpublish: "$authenticated" });
    expect(config.packages[PACKAGE].proxy).toBeUndefined();
  });

  test("proxies every other package from the configured uplink and lets no one publish them", () => {
    expect(config.uplinks.upstream.url).toBe("https://npm.example.com/");
    expect(config.packages["**"]).toMatchObject({ access: "$all", publish: "no-one", proxy: "upstream" });
  });

  test("keeps storage, users and log in the given directory and admits one user", () => {
    expect(config.storage).toBe("/tmp/r/storage");
    expect(config.auth.htpasswd).toEqual({ file: "/tmp/r/htpasswd", max_users: 1 });
    expect(config.log.path).toBe("/tmp/r/verdaccio.log");
  });
});

describe("startRegistry", () => {
  let dir: string;
  let registry: RunningRegistry;
  let userConfig: string;

  /** `npm publish` of a one-file package, as the registered user, to the test registry only. */
  async function publish(name: string): Promise<string> {
    const pkg = join(dir, `pkg-${name.replace("/", "-")}`);
    mkdirSync(pkg);
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name, version: "1.0.0" }));
    writeFileSync(join(pkg, "index.js"), "module.exports = 1;\n");
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
    try {
      await run("npm", ["publish", "--no-audit"], {
        cwd: pkg,
        env: { ...env, npm_config_registry: registry.url, npm_config_userconfig: userConfig },
      });
      return "published";
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "verdaccio-test-"));
    // A closed port as the uplink: nothing leaves the machine.
    registry = await startRegistry({ dir, uplinkUrl: `http://127.0.0.1:${await freePort()}/`, packageName: PACKAGE });
    const token = await registry.addUser("publisher", "a-long-password");
    userConfig = join(dir, "publisher.npmrc");
    writeFileSync(userConfig, `${registry.url.replace(/^http:/, "")}:_authToken=${token}\n`);
  });

  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("listens on a loopback address", () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("accepts the package from the registered user and serves it", async () => {
    expect((await fetch(`${registry.url}${PACKAGE.replace("/", "%2f")}`)).status).toBe(404);
    expect(await publish(PACKAGE)).toBe("published");
    const packument = (await (await fetch(`${registry.url}${PACKAGE.replace("/", "%2f")}`)).json()) as { "dist-tags": { latest: string } };
    expect(packument["dist-tags"].latest).toBe("1.0.0");
  });

  test("refuses to publish any other package", async () => {
    expect(await publish("some-other-package")).toMatch(/E403|403 Forbidden/);
  });

  test("admits no second user", async () => {
    await expect(registry.addUser("intruder", "another-password")).rejects.toThrow(
      "registry refused user intruder: 403 maximum amount of users reached",
    );
  });

  test("stops and frees its port; stopping twice is harmless", async () => {
    const other = await startRegistry({ dir: join(dir, "second"), uplinkUrl: registry.url, packageName: PACKAGE });
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.url}-/ping`)).rejects.toThrow();
  });
});
