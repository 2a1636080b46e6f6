import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "../../src/core/errors";
import { checkStackOffline, checkStacksOffline, findProviderMirror, TerraformCheckError } from "../../src/terraform";

/** The error `run` throws or rejects with (fails the test when it succeeds). */
async function errorFrom(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection, but the call succeeded");
}

const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
const emptyDir = () => mkdtempSync(join(tmpdir(), "not-a-stack-"));

/*
 * Bad configuration is a ValidationError named after the function, as constructs name their path.
 * A stack directory that holds no synthesized stack is reported as a failed `init` stage
 * (TerraformCheckError, which callers catch to name the stack) and says how to fix it.
 */
describe("offline Terraform checks: bad input", () => {
  test.each<[string, (dir: string) => unknown, new (...args: any[]) => Error, (dir: string) => RegExp]>([
    [
      "a TF_PROVIDER_MIRROR without the aws provider",
      (dir) => findProviderMirror({ TF_PROVIDER_MIRROR: dir }),
      ValidationError,
      (dir) =>
        new RegExp(
          `^findProviderMirror: invalid TF_PROVIDER_MIRROR "${dir}": expected a directory holding registry\\.terraform\\.io/hashicorp/aws/<version>/${platform}/terraform-provider-aws_\\* for this platform \\[TERRAFORM_PROVIDER_MIRROR\\]$`,
        ),
    ],
    [
      "a stack directory with no cdk.tf.json",
      (dir) => checkStackOffline({ stackDir: dir }),
      TerraformCheckError,
      (dir) =>
        new RegExp(
          `^terraform init failed for stack "${dir.split("/").pop()}":\\nno cdk\\.tf\\.json in ${dir}: synthesize the stack first$`,
        ),
    ],
    [
      "one of several stack directories with no cdk.tf.json",
      (dir) => checkStacksOffline([dir, emptyDir()], { plan: false }),
      TerraformCheckError,
      (dir) =>
        new RegExp(
          `^terraform init failed for stack "${dir.split("/").pop()}":\\nno cdk\\.tf\\.json in ${dir}: synthesize the stack first$`,
        ),
    ],
  ])("rejects %s", async (_name, run, type, message) => {
    const dir = emptyDir();
    const error = await errorFrom(() => run(dir));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message(dir));
  });
});
