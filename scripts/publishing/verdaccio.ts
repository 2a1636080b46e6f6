import { mkdirSync, writeFileSync } from "node:fs";
import { AddressInfo, createServer } from "node:net";
import { join } from "node:path";

/** What a throwaway Verdaccio registry needs to know. */
export interface RegistryOptions {
  /** Directory for storage, users and logs; the caller deletes it. */
  readonly dir: string;
  /** The registry Verdaccio proxies every other package from (what `npm config get registry` says). */
  readonly uplinkUrl: string;
  /** The only package that may be published, and that is never fetched from the uplink. */
  readonly packageName: string;
}

/**
 * The Verdaccio configuration (written as JSON, which is valid YAML): `packageName` is served from
 * local storage only, so a public package of the same name can never stand in for ours; every
 * other package is proxied from the uplink; only an authenticated user may publish, and only
 * `packageName`; one user may register (the publisher).
 */
export function verdaccioConfig(options: RegistryOptions): Record<string, unknown> {
  return {
    storage: join(options.dir, "storage"),
    auth: { htpasswd: { file: join(options.dir, "htpasswd"), max_users: 1 } },
    uplinks: { upstream: { url: options.uplinkUrl, timeout: "60s", max_fails: 2 } },
    packages: {
      [options.packageName]: { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
      // A group no user belongs to: nothing but our package can be published here.
      "**": { access: "$all", publish: "no-one", unpublish: "no-one", proxy: "upstream" },
    },
    web: { enable: false },
    log: { type: "file", path: join(options.dir, "verdaccio.log"), format: "json", level: "warn" },
  };
}

/** A Verdaccio server running in this process. */
export interface RunningRegistry {
  /** e.g. `http://127.0.0.1:41234/`, with the trailing slash npm writes in its config. */
  readonly url: string;
  /** Registers a user and returns its token for `//host:port/:_authToken=`. */
  addUser(name: string, password: string): Promise<string>;
  /** Closes the server and every open connection. Safe to call twice. */
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface (the OS picks it; the port is released before return). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Verdaccio in this process on a free loopback port. Verdaccio 6's CLI refuses Node.js
 * below 22, while its server runs on Node.js 20, which this project supports; the programmatic
 * `runServer` has no such check. Running in-process also means the server cannot outlive the
 * script, even when it crashes.
 */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  mkdirSync(join(options.dir, "storage"), { recursive: true });
  const configPath = join(options.dir, "config.yaml");
  const config = verdaccioConfig(options);
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const { runServer } = await import("verdaccio");
  const server = await runServer({ ...config, self_path: configPath });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${port}/`;
  let stopped = false;
  return {
    url,
    async addUser(name, password) {
      const response = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password }),
      });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token) throw new Error(`registry refused user ${name}: ${response.status} ${body.error ?? ""}`);
      return body.token;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
