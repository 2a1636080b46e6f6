import { join } from "node:path";

const Sequencer = require("./sequencer");

const ROOT = join(__dirname, "..", "..");
/** A test as jest hands it to the sequencer, with no cached timings (a fresh clone): jest then orders by file size. */
const testFile = (file: string, size: number) => ({
  path: join(ROOT, file),
  context: { config: { cache: false, rootDir: ROOT }, hasteFS: { getSize: () => size } },
});

describe("the test sequencer", () => {
  const saved = process.env.OFFLINE_PLANS_NEEDED;
  afterEach(() => {
    if (saved === undefined) delete process.env.OFFLINE_PLANS_NEEDED;
    else process.env.OFFLINE_PLANS_NEEDED = saved;
  });

  test("starts the files that run their own Terraform (change-safety) first and ends with those that read the combined plans", async () => {
    delete process.env.OFFLINE_PLANS_NEEDED;
    const files = [
      testFile("__tests__/stacks/ordering.test.ts", 9000),
      testFile("__tests__/examples/examples.test.ts", 8000),
      testFile("__tests__/change-safety/change-safety.test.ts", 100),
      testFile("__tests__/core/limits.test.ts", 5000),
      testFile("__tests__/terraform/offline-check.test.ts", 200),
    ];
    const order = (await new Sequencer().sort(files)).map((t: { path: string }) => t.path.slice(ROOT.length + 1));
    expect(order).toEqual([
      "__tests__/terraform/offline-check.test.ts",
      "__tests__/change-safety/change-safety.test.ts",
      "__tests__/stacks/ordering.test.ts",
      "__tests__/core/limits.test.ts",
      "__tests__/examples/examples.test.ts",
    ]);
    expect(process.env.OFFLINE_PLANS_NEEDED).toBe("1");
  });

  test("a run with no file that reads the combined plans starts no combined Terraform run", async () => {
    delete process.env.OFFLINE_PLANS_NEEDED;
    await new Sequencer().sort([
      testFile("__tests__/core/limits.test.ts", 5000),
      testFile("__tests__/change-safety/change-safety.test.ts", 100),
    ]);
    expect(process.env.OFFLINE_PLANS_NEEDED).toBeUndefined();
  });
});
