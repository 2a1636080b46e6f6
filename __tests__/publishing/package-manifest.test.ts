import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { entryPointsFor, moduleFolders } from "../../scripts/publishing/package-entry-points";
import { caretAllows, importedPackages, minimumOf, packageOf } from "../../scripts/publishing/manifest-checks";

const root = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const modules = moduleFolders(join(root, "src"));
const PEERS = ["@cdktf/provider-aws", "cdktf", "constructs"];

describe("package entry points", () => {
  test("main and types point at the compiled root module", () => {
    expect(manifest.main).toBe("dist/index.js");
    expect(manifest.types).toBe("dist/index.d.ts");
  });

  test("every module folder with an index.ts has an exports entry (run `npx tsx scripts/sync-package-exports.ts` when this fails)", () => {
    const missing = modules.filter((m) => !manifest.exports[`./${m}`] || !manifest.typesVersions["*"][m]);
    expect(missing).toEqual([]);
  });

  test("exports and typesVersions are exactly what the module folders give, nothing stale", () => {
    const expected = entryPointsFor(modules);
    expect(manifest.exports).toEqual(expected.exports);
    expect(manifest.typesVersions).toEqual(expected.typesVersions);
  });

  test("every entry point is compiled from a source file", () => {
    const targets = Object.values(manifest.exports).flatMap((e) => (typeof e === "string" ? [] : [(e as { types: string }).types]));
    const sources = targets.map((t) => join(root, t.replace("./dist/", "src/").replace(/\.d\.ts$/, ".ts")));
    expect(sources.filter((s) => !existsSync(s))).toEqual([]);
  });
});

describe("package dependencies", () => {
  const providerAws = JSON.parse(readFileSync(join(root, "node_modules", "@cdktf", "provider-aws", "package.json"), "utf8"));

  test("cdktf, constructs and @cdktf/provider-aws are peers, never bundled dependencies", () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(PEERS);
    expect(PEERS.filter((p) => manifest.dependencies?.[p])).toEqual([]);
  });

  test("the versions developed and tested against are inside the peer ranges", () => {
    for (const peer of PEERS)
      expect([peer, caretAllows(manifest.peerDependencies[peer], manifest.devDependencies[peer])]).toEqual([peer, true]);
  });

  test("the peer ranges for cdktf and constructs are the ones @cdktf/provider-aws itself asks for", () => {
    expect(manifest.peerDependencies.cdktf).toBe(providerAws.peerDependencies.cdktf);
    expect(manifest.peerDependencies.constructs).toBe(providerAws.peerDependencies.constructs);
  });

  test("@cdktf/provider-aws is limited to 20.x, the releases that bind hashicorp/aws 5.x (21.x binds 6.x)", () => {
    expect(manifest.peerDependencies["@cdktf/provider-aws"]).toBe("^20.1.0");
    expect(caretAllows(manifest.peerDependencies["@cdktf/provider-aws"], "21.0.0")).toBe(false);
  });

  test("every package src/ imports is a dependency or a peer, so consumers get it", () => {
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies)]);
    expect([...importedPackages(join(root, "src"))].filter((p) => !declared.has(p))).toEqual([]);
  });

  test("engines.node starts where @cdktf/provider-aws starts, the highest Node.js floor among the peers", () => {
    expect(minimumOf(manifest.engines.node)).toEqual(minimumOf(providerAws.engines.node));
  });
});

describe("package publishing", () => {
  test("publishConfig names no registry: the registry comes from npm configuration", () => {
    expect(manifest.publishConfig).toBeDefined();
    expect(manifest.publishConfig.registry).toBeUndefined();
  });

  test("prepack runs the public-registry guard before the build", () => {
    expect(manifest.scripts.prepack).toBe("tsx scripts/check-publish-registry.ts && npm run build");
    expect(manifest.scripts.build).toContain("tsx scripts/check-api-docs.ts");
  });

  test("the version is semantic and the CHANGELOG has an entry for it", () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toContain(`## [${manifest.version}]`);
  });

  test("the tarball holds compiled JavaScript, declarations, the price table and the changelog, and no sources, tests, maps or stacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "packlist-"));
    try {
      const files = [
        "dist/index.js",
        "dist/index.d.ts",
        "dist/network/network.js",
        "dist/network/network.d.ts",
        "dist/network/network.js.map",
        "pricing/aws-prices.json",
        "pricing/notes.txt",
        "src/index.ts",
        "__tests__/a.test.ts",
        "stacks/main.ts",
        "scripts/registry-roundtrip.ts",
        "docs/api/README.md",
        "cdktf.json",
        "tsconfig.json",
        "README.md",
        "CHANGELOG.md",
      ];
      for (const f of files) {
        mkdirSync(join(dir, dirname(f)), { recursive: true });
        writeFileSync(join(dir, f), "x");
      }
      writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, scripts: {} }));
      const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      const packed = (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
      expect(packed).toEqual([
        "CHANGELOG.md",
        "README.md",
        "dist/index.d.ts",
        "dist/index.js",
        "dist/network/network.d.ts",
        "dist/network/network.js",
        "package.json",
        "pricing/aws-prices.json",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("manifest helpers", () => {
  test("caretAllows follows npm: the leftmost non-zero part is fixed", () => {
    expect(caretAllows("^0.21.0", "0.21.3")).toBe(true);
    expect(caretAllows("^0.21.0", "0.22.0")).toBe(false);
    expect(caretAllows("^10.4.2", "10.9.0")).toBe(true);
    expect(caretAllows("^10.4.2", "10.4.1")).toBe(false);
    expect(caretAllows("^10.4.2", "11.0.0")).toBe(false);
    expect(() => caretAllows("~1.0.0", "1.0.0")).toThrow("not a caret range: ~1.0.0");
  });

  test("packageOf names the package of a deep or scoped import and skips relative and built-in ones", () => {
    expect(packageOf("@cdktf/provider-aws/lib/vpc")).toBe("@cdktf/provider-aws");
    expect(packageOf("ip-num")).toBe("ip-num");
    expect(packageOf("node:fs")).toBeUndefined();
    expect(packageOf("fs")).toBeUndefined();
    expect(packageOf("../core/errors")).toBeUndefined();
  });

  test("importedPackages finds value, type-only, re-exported and required packages", () => {
    const dir = mkdtempSync(join(tmpdir(), "imports-"));
    try {
      writeFileSync(
        join(dir, "a.ts"),
        [
          'import { A } from "pkg-a";',
          'import type { B } from "@scope/pkg-b/deep";',
          'export { C } from "pkg-c";',
          'const d = require("pkg-d");',
          'import { e } from "./local";',
        ].join("\n"),
      );
      expect([...importedPackages(dir)].sort()).toEqual(["@scope/pkg-b", "pkg-a", "pkg-c", "pkg-d"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("entryPointsFor gives the root, one conditional export per module and package.json", () => {
    const entries = entryPointsFor(["network", "core"]);
    expect(Object.keys(entries.exports)).toEqual([".", "./core", "./network", "./package.json"]);
    expect(entries.exports["./network"]).toEqual({ types: "./dist/network/index.d.ts", default: "./dist/network/index.js" });
    expect(entries.typesVersions).toEqual({ "*": { core: ["./dist/core/index.d.ts"], network: ["./dist/network/index.d.ts"] } });
  });
});
