import { Lazy } from "cdktf";

// __tests__/setup.ts turns token creation traces off for every test file (see token-traces.ts).
describe("test setup", () => {
  test("tokens carry no creation stack trace", () => {
    expect((Lazy.anyValue({ produce: () => 1 }) as any).creationStack).toEqual([]);
  });

  test("errors keep their stack traces", () => {
    expect(new Error("traced").stack?.split("\n").length).toBeGreaterThan(2);
  });
});
