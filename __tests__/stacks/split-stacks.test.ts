import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildGeneratedSplit } from "../../scripts/bench/generated-stack";
import { stackMatrix } from "../../scripts/list-stacks";
import { changesOf, offlinePlan } from "../offline/offline-plans";

/** The split layout as the suite plans it: `split-platform` and two groups of two services. */
function synthesize(): { outdir: string; stack: (name: string) => any; manifest: any } {
  const outdir = mkdtempSync(join(tmpdir(), "split-"));
  const app = new App({ outdir });
  buildGeneratedSplit(app, 4, 2, "split");
  app.synth();
  return {
    outdir,
    stack: (name) => JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")),
    manifest: JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")),
  };
}

describe("PlatformStack and ServiceGroupStack", () => {
  const synthesized = synthesize();

  test("each group reads the platform's network and cluster through remote state, with its own state", () => {
    for (const group of ["split-group-1", "split-group-2"]) {
      const json = synthesized.stack(group);
      expect(Object.keys(json.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-split-platform"]);
      expect(json.terraform.backend.local.path).toBe(`terraform.${group}.tfstate`);
      expect(json.resource.aws_vpc).toBeUndefined();
      expect(json.resource.aws_ecs_cluster).toBeUndefined();
      expect(Object.keys(json.resource.aws_ecs_service)).toHaveLength(2);
      const service = Object.values<any>(json.resource.aws_ecs_service)[0];
      expect(service.cluster).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-split-platform\.outputs\./);
    }
    const platform = synthesized.stack("split-platform");
    expect(platform.resource.aws_ecs_service).toBeUndefined();
    expect(Object.keys(platform.output).every((o) => o.startsWith("cross-stack-output-"))).toBe(true);
  });

  test("cdktf deploys the platform before the groups, and the CI matrix has one job per stack", () => {
    expect(stackMatrix(synthesized.manifest)).toEqual({
      include: [
        { stack: "split-group-1", dependencies: ["split-platform"] },
        { stack: "split-group-2", dependencies: ["split-platform"] },
        { stack: "split-platform", dependencies: [] },
      ],
    });
    expect(() => stackMatrix({})).toThrow(/lists no stacks/);
  });

  test("a group plans offline with the platform's outputs fed in, creating only its own resources", async () => {
    const group = await offlinePlan("split-group-1");
    expect(changesOf(group, "aws_ecs_service")).toHaveLength(2);
    expect(changesOf(group, "aws_lb")).toHaveLength(1);
    expect(changesOf(group, "aws_ecs_cluster")).toHaveLength(0);
    expect(changesOf(group, "aws_vpc")).toHaveLength(0);
    const platform = await offlinePlan("split-platform");
    expect(changesOf(platform, "aws_ecs_cluster")).toHaveLength(1);
    expect(changesOf(platform, "aws_ecs_service")).toHaveLength(0);
  });
});
