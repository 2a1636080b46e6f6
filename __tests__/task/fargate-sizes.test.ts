import { describeFargateMemory, FARGATE_CPU_VALUES, fargateMemoryOptions, isFargateSize } from "../../src/task";

describe("Fargate size table", () => {
  test("accepts the documented pairs at the edges of each row", () => {
    expect(isFargateSize(256, 512)).toBe(true);
    expect(isFargateSize(256, 2048)).toBe(true);
    expect(isFargateSize(512, 4096)).toBe(true);
    expect(isFargateSize(4096, 30720)).toBe(true);
    expect(isFargateSize(8192, 16384 + 4096)).toBe(true);
    expect(isFargateSize(16384, 122880)).toBe(true);
  });

  test("rejects pairs outside the table", () => {
    expect(isFargateSize(256, 4096)).toBe(false);
    expect(isFargateSize(256, 1536)).toBe(false);
    expect(isFargateSize(1024, 1024)).toBe(false);
    expect(isFargateSize(8192, 17408)).toBe(false);
    expect(isFargateSize(300, 1024)).toBe(false);
  });

  test("lists memory options per CPU and describes them for error messages", () => {
    expect(FARGATE_CPU_VALUES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
    expect(fargateMemoryOptions(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(fargateMemoryOptions(100)).toEqual([]);
    expect(describeFargateMemory(256)).toBe("memoryMiB one of 512, 1024, 2048 with cpu 256");
    expect(describeFargateMemory(2048)).toBe("memoryMiB from 4096 to 16384 in steps of 1024 with cpu 2048");
    expect(describeFargateMemory(300)).toMatch(/^cpu one of 256, 512/);
  });
});
