/**
 * Prints the synthesized stacks as a GitHub Actions matrix, one job per stack:
 *   npx tsx scripts/list-stacks.ts [--manifest cdktf.out/manifest.json]
 *   → {"include":[{"stack":"dev","dependencies":[]},{"stack":"dev-group-1","dependencies":["dev-platform"]}]}
 * Use it as `strategy.matrix: ${{ fromJSON(needs.stacks.outputs.matrix) }}` after a synth; see
 * docs/performance.md. A missing or unreadable manifest, or one without stacks, fails (exit 1).
 */
import { readFileSync } from "node:fs";

export interface StackMatrix {
  readonly include: ReadonlyArray<{ readonly stack: string; readonly dependencies: readonly string[] }>;
}

/** The matrix of a cdktf `manifest.json`, stacks in name order, each with the stacks it reads. */
export function stackMatrix(manifest: unknown): StackMatrix {
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (stacks === null || typeof stacks !== "object" || Object.keys(stacks).length === 0) {
    throw new Error("the manifest lists no stacks: synthesize the app first (npm run synth)");
  }
  return {
    include: Object.entries(stacks as Record<string, { dependencies?: string[] }>)
      .map(([stack, s]) => ({ stack, dependencies: [...(s.dependencies ?? [])].sort() }))
      .sort((a, b) => a.stack.localeCompare(b.stack)),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--manifest");
  const file = at >= 0 ? args[at + 1] : "cdktf.out/manifest.json";
  try {
    console.log(JSON.stringify(stackMatrix(JSON.parse(readFileSync(file, "utf8")))));
  } catch (error) {
    console.error(`list-stacks: ${file}: ${(error as Error).message}`);
    process.exit(1);
  }
}
