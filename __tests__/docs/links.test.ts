import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Every relative link in the README and in docs/ must point at a file (and heading) that exists. */
const ROOT = resolve(__dirname, "..", "..");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return entry.endsWith(".md") ? [path] : [];
  });
}

/** Markdown without fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|````)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const heading = match[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  // Headings written in the source with backticks lose them before slugging; prose() already dropped
  // inline code from the heading text, so slug both forms.
  for (const match of markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)) {
    anchors.add(
      match[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    );
  }
  // Explicit anchors, as TypeDoc writes them: <a id="property-name"></a>.
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1].toLowerCase());
  return anchors;
}

export function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) anchorCache.set(file, (anchors = anchorsOf(readFileSync(file, "utf8"))));
  return anchors;
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return relativeLinks(text).flatMap((link) => {
    const [path, anchor] = link.split("#", 2);
    const target = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(target)) return [`${relative(ROOT, file)}: ${link} (no such file)`];
    if (anchor && target.endsWith(".md") && !anchorsOfFile(target).has(anchor.toLowerCase())) {
      return [`${relative(ROOT, file)}: ${link} (no heading #${anchor} in ${relative(ROOT, target)})`];
    }
    return [];
  });
}

describe("documentation links", () => {
  const files = [join(ROOT, "README.md"), join(ROOT, "CHANGELOG.md"), ...markdownFiles(join(ROOT, "docs"))];

  it("finds the README and the docs pages", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("has no relative link to a missing file or heading", () => {
    expect(files.flatMap(brokenLinks)).toEqual([]);
  });

  it("keeps the README a short introduction (at most 300 lines)", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(300);
  });

  it("links every docs page from the docs index", () => {
    const index = readFileSync(join(ROOT, "docs", "README.md"), "utf8");
    const linked = new Set(relativeLinks(index).map((l) => l.split("#")[0]));
    const pages = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});

describe("the link checker", () => {
  it("reports a link to a missing page and accepts an existing heading", () => {
    expect(relativeLinks("see [a](missing.md) and [b](https://x.y) and `[c](not-a-link.md)`")).toEqual(["missing.md"]);
    expect(anchorsOf("# Cluster: ECS (`src/cluster/`)\n## Destroy\n## Destroy\n").has("destroy-1")).toBe(true);
    expect(anchorsOf("## `Cluster` props\n").has("cluster-props")).toBe(true);
  });
});
