import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The layer table in docs/architecture.md and the rules in .dependency-cruiser.cjs say the same:
 * a module may import exactly the modules of lower layers, and every folder of src/ has a place.
 */
const ROOT = resolve(__dirname, "..", "..");

interface Rule {
  readonly name: string;
  readonly from: { readonly path?: string; readonly pathNot?: string };
  readonly to: { readonly path?: string; readonly pathNot?: string };
}

const config: { forbidden: Rule[] } = require(join(ROOT, ".dependency-cruiser.cjs"));

function documentedLayers(): string[][] {
  const markdown = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
  const section = markdown.split(/^## Layers$/m)[1]?.split(/^## /m)[0] ?? "";
  return [...section.matchAll(/^\| (\d+) \| ([a-z, -]+) \|/gm)].map((row) => row[2].split(",").map((name) => name.trim()));
}

/** Whether some path rule forbids a file of module `from` importing a file of module `to` (`to: {}` is anything). */
function forbidden(from: string, to: string): boolean {
  const source = `src/${from}/a.ts`;
  const target = `src/${to}/b.ts`;
  const matches = (path: string | undefined, pathNot: string | undefined, file: string) =>
    (path === undefined || new RegExp(path).test(file)) && (pathNot === undefined || !new RegExp(pathNot).test(file));
  return config.forbidden.some(
    (rule) =>
      rule.from.path !== undefined &&
      matches(rule.from.path, rule.from.pathNot, source) &&
      Object.keys(rule.to).every((key) => key === "path" || key === "pathNot") &&
      matches(rule.to.path, rule.to.pathNot, target),
  );
}

const layers = documentedLayers();
const layered = layers.flat();
const besides = ["policy", "plan-review", "terraform"];

describe("layers", () => {
  it("documents six layers from core up", () => {
    expect(layers).toHaveLength(6);
    expect(layers[0]).toEqual(["core"]);
  });

  it("places every folder of src/ exactly once", () => {
    const folders = readdirSync(join(ROOT, "src")).filter((entry) => statSync(join(ROOT, "src", entry)).isDirectory());
    expect([...layered, ...besides].sort()).toEqual(folders.sort());
    expect(new Set(layered).size).toBe(layered.length);
  });

  it("lets a module import exactly the modules of lower layers", () => {
    const wrong: string[] = [];
    layers.forEach((layer, i) =>
      layer.forEach((from) =>
        layers.forEach((other, j) =>
          other.forEach((to) => {
            if (to === from) return;
            if (forbidden(from, to) !== j >= i) wrong.push(`${from} (layer ${i}) -> ${to} (layer ${j})`);
          }),
        ),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it("keeps policy on core and tooling out of the library", () => {
    for (const from of layered.filter((name) => name !== "core")) expect(forbidden("policy", from)).toBe(true);
    expect(forbidden("policy", "core")).toBe(false);
    for (const module of [...layered, "policy"]) {
      expect(forbidden(module, "plan-review")).toBe(true);
      expect(forbidden(module, "terraform")).toBe(true);
      if (module !== "core") expect(forbidden("plan-review", module)).toBe(true);
    }
    expect(forbidden("plan-review", "terraform")).toBe(false);
    expect(forbidden("terraform", "plan-review")).toBe(true);
  });

  it("fails an unplaced module and a root import of the provider package", () => {
    expect(forbidden("new-module", "core")).toBe(true);
    const rootImport = config.forbidden.find((rule) => rule.name === "no-provider-root-import");
    expect(new RegExp(rootImport!.to.path!).test("node_modules/@cdktf/provider-aws/lib/index.js")).toBe(true);
    expect(new RegExp(rootImport!.to.path!).test("node_modules/@cdktf/provider-aws/lib/ecs-service/index.js")).toBe(false);
  });
});
