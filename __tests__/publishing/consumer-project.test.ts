import { readFileSync } from "node:fs";
import { join } from "node:path";
import { consumerProject, EXPECTED_CREATES } from "../../scripts/publishing/consumer-project";

const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));

describe("consumerProject", () => {
  const files = consumerProject({
    packageName: "@acme/ecs-platform",
    packageVersion: "1.2.3",
    dependencies: { cdktf: "0.21.0", constructs: "10.4.2", "@cdktf/provider-aws": "20.1.0" },
    devDependencies: { typescript: "5.9.3", "@types/node": "20.19.9" },
  });
  const main = files["main.ts"];
  const specifiers = [...main.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);

  test("imports the package only through its published entry points, never dist/ or src/", () => {
    const ours = specifiers.filter((s) => s === "@acme/ecs-platform" || s.startsWith("@acme/ecs-platform/"));
    expect(ours.length).toBeGreaterThan(1);
    for (const s of ours) expect(Object.keys(manifest.exports)).toContain(s.replace("@acme/ecs-platform", "."));
  });

  test("imports provider classes by deep path, as the library does", () => {
    expect(specifiers.filter((s) => s.startsWith("@cdktf/provider-aws"))).toEqual(["@cdktf/provider-aws/lib/provider"]);
  });

  test("writes its synthesized output inside the consumer project, which the round trip deletes, not the shared temp directory", () => {
    expect(main).not.toMatch(/tmpdir\(/);
    const temps = [...main.matchAll(/mkdtempSync\((.*?)\)\)/g)].map((m) => m[1] + ")");
    expect(temps).toEqual(['join(process.cwd(), "cdktf.out-bad-")', 'join(process.cwd(), "cdktf.out-")']);
  });

  test("depends on the exact published version and the given peers and tools", () => {
    const pkg = JSON.parse(files["package.json"]);
    expect(pkg.dependencies).toEqual({
      "@acme/ecs-platform": "1.2.3",
      cdktf: "0.21.0",
      constructs: "10.4.2",
      "@cdktf/provider-aws": "20.1.0",
    });
    expect(pkg.devDependencies).toEqual({ typescript: "5.9.3", "@types/node": "20.19.9" });
  });

  test("type-checks with the CommonJS default resolution that cdktf init uses, then with node16 resolution", () => {
    const base = JSON.parse(files["tsconfig.json"]).compilerOptions;
    expect(base).toMatchObject({ module: "commonjs", strict: true, skipLibCheck: false });
    expect(base.moduleResolution).toBeUndefined();
    expect(JSON.parse(files["tsconfig.node16.json"]).compilerOptions).toMatchObject({ module: "node16", moduleResolution: "node16" });
    expect(JSON.parse(files["package.json"]).scripts.build).toBe("tsc -p tsconfig.json && tsc -p tsconfig.node16.json");
  });

  test("runs the package's own offline check and compares the plan with the expected creates", () => {
    expect(main).toContain('import { checkStackOffline } from "@acme/ecs-platform/terraform";');
    expect(main).toContain(JSON.stringify(EXPECTED_CREATES));
    expect(main).toContain("process.exit(1)");
  });
});
