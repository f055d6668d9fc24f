// Every relative link and image in README.md and docs/*.md points at a file that exists, and every #anchor at a
// heading of that file (GitHub's slugs), so moving or renaming a page cannot leave a dead link behind; and every
// path of this repository the pages name in code style (`api/read/`, `shared/wire.ts`) still exists.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const PAGES = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text a reader sees as Markdown: fenced code blocks and inline code left out (links there are examples). */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchor: lower case, punctuation dropped (but - and _), each space a hyphen; repeats get -1, -2. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const match of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = (match[1] ?? "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/[`*_]{1,3}([^`*_]+)[`*_]{1,3}/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  page: string;
  target: string;
}

function linksOf(page: string): Link[] {
  const prose = proseOf(readFileSync(path.join(ROOT, page), "utf8"));
  const links: Link[] = [];
  for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    links.push({ page, target: match[1] ?? "" });
  for (const match of prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm))
    links.push({ page, target: match[1] ?? "" });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Why a link is dead, or null when it resolves. */
function deadReason({ page, target }: Link): string | null {
  const [file, anchor] = target.split("#", 2) as [string, string | undefined];
  const resolved =
    file === "" ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), decodeURI(file));
  if (!resolved.startsWith(ROOT)) return "points outside the repository";
  if (!existsSync(resolved)) return "no such file";
  if (anchor === undefined || anchor === "") return null;
  if (statSync(resolved).isDirectory() || !resolved.endsWith(".md"))
    return "an anchor into a file that is no Markdown page";
  return headingAnchors(readFileSync(resolved, "utf8")).has(decodeURIComponent(anchor).toLowerCase())
    ? null
    : `no heading #${anchor} in ${path.relative(ROOT, resolved)}`;
}

describe("links in README.md and docs/", () => {
  it("finds the pages and their links", () => {
    expect(PAGES).toContain("README.md");
    expect(PAGES).toContain("docs/architecture.md");
    // The README links each user path and the developer pages: a parser that found nothing would pass below.
    expect(linksOf("README.md").filter((link) => !isExternal(link.target)).length).toBeGreaterThan(10);
  });

  it("every relative link resolves to a file, and every anchor to a heading", () => {
    const dead = PAGES.flatMap(linksOf)
      .filter((link) => !isExternal(link.target))
      .flatMap((link) => {
        const reason = deadReason(link);
        return reason ? [`${link.page}: (${link.target}) ${reason}`] : [];
      });
    expect(dead).toEqual([]);
  });

  it("every repository path named in code style exists", () => {
    const missing = PAGES.flatMap((page) =>
      [
        ...readFileSync(path.join(ROOT, page), "utf8").matchAll(
          /`((?:shared|addon|api|test|docs)\/[^`\s]*)`/g,
        ),
      ]
        .map((match) => match[1] ?? "")
        .filter((named) => !/[*<>…]/.test(named) && !existsSync(path.join(ROOT, named.split("#")[0] ?? "")))
        .map((named) => `${page}: ${named}`),
    );
    expect(missing).toEqual([]);
  });

  it("the checker itself sees a missing file, a missing anchor and GitHub's slugs", () => {
    expect(deadReason({ page: "README.md", target: "docs/no-such-page.md" })).toBe("no such file");
    expect(deadReason({ page: "README.md", target: "docs/running.md#no-such-heading" })).toMatch(
      /no heading/,
    );
    expect(deadReason({ page: "docs/benchmarks.md", target: "running.md#other-scripts" })).toBeNull();
    const anchors = headingAnchors(
      "# The sync API (`api/`)\n## Views (all: one)\n## Views (all: one)\n```\n# not a heading\n```\n",
    );
    expect([...anchors]).toEqual(["the-sync-api-api", "views-all-one", "views-all-one-1"]);
  });
});
