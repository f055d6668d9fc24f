// Bundles api/entry/lambda.ts into dist/lambda/index.mjs for the Node 22 arm64 runtime and prints its size.
// The AWS SDK is bundled, not taken from the runtime: the bundle then runs the SDK version the tests ran
// (api/infra/bundle.test.ts runs this very bundle), and one parsed file starts faster than the runtime's
// node_modules copy read file by file.
// Start-up is mostly parsing the bundle, so it is kept small (npm run bench:lambda measures it):
// - ES module builds of dependencies first (`module` field and condition): the AWS SDK's dist-es tree-shakes to
//   about 60% of its CommonJS build;
// - chunk splitting: what only a dynamic import() reaches (the SDK's SSO/INI/STS credential providers) loads on
//   first use, never in a Lambda that has its credentials in env;
// - zod's 250 KiB of error-message locales are left out but English, the only one the API uses (see below);
// - the OpenAPI document is generated here and carried as JSON (prebuiltOpenApi below): its generator
//   (@hono/zod-openapi, @asteasolutions/zod-to-openapi) is not in the bundle;
// - no source maps at run time: the stack does not set --enable-source-maps, which cost 15-18 ms per cold start
//   in the bench; index.mjs.map is still written next to the bundle for reading a stack trace offline.
import { rmSync } from "node:fs";
import * as path from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";

/**
 * zod's `z` namespace re-exports every locale (`z.locales`). @hono/zod-openapi passes the whole namespace to
 * extendZodWithOpenApi(z), so esbuild must keep all of it. zod configures English by itself and the API never
 * calls z.config(z.locales.xx()), so the locales barrel is replaced by one exporting only `en`. Code that asked
 * for another locale would fail loudly (z.locales.de is undefined), not change language silently.
 */
export const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: "zod-english-only" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: args.path.endsWith(".cjs")
        ? 'exports.en = require("./en.cjs").default;'
        : 'export { default as en } from "./en.js";',
      loader: "js",
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * api/routes/openapi-document.ts generates the OpenAPI document from the route configs when it is first asked
 * for. In the bundle it is replaced by the document generated now, from the same routes, so the generator is
 * left out (api/infra/bundle.test.ts compares the bundle's answer with the source's, byte for byte).
 */
export const prebuiltOpenApi: Plugin = {
  name: "prebuilt-openapi",
  setup(b) {
    b.onLoad({ filter: /[\\/]api[\\/]routes[\\/]openapi-document\.ts$/ }, async () => {
      const [{ Hono }, { mountApiRoutes }, { openApiDocument }, { DEFAULT_CONFIG }] = await Promise.all([
        import("hono"),
        import("../routes/all-routes.js"),
        import("../routes/openapi-document.js"),
        import("../app/config.js"),
      ]);
      // Only the route configs are read: no handler runs, so the store is never called.
      const unused = new Proxy({}, { get: () => () => Promise.reject(new Error("not at build time")) });
      const routes = mountApiRoutes(new Hono(), {
        store: unused as never,
        now: () => new Date(),
        config: DEFAULT_CONFIG,
      });
      const text = JSON.stringify(openApiDocument(routes));
      return {
        contents: `export const openApiDocument = () => JSON.parse(${JSON.stringify(text)});`,
        loader: "js",
      };
    });
  },
};

export interface LambdaBundle {
  /** The entry the runtime imports (index.mjs). */
  file: string;
  /** What a cold start loads: index.mjs and the chunks it imports statically. */
  bytes: number;
  /** Everything, with the chunks only loaded by a dynamic import() when first needed (source maps excluded). */
  totalBytes: number;
  /** Minified bytes loaded at cold start per package (or top-level source folder), largest first. */
  contributors: [string, number][];
  /**
   * What a first sync loads besides: the API's dispatch (api/routes/api.ts) and the sync's route module
   * (api/routes/sheets.ts), with their static imports; bytes, per package.
   */
  firstSync: FirstRequestLoads;
  /** The same for a first health check: the dispatch and api/routes/health.ts. */
  firstHealth: FirstRequestLoads;
}

export interface FirstRequestLoads {
  bytes: number;
  contributors: [string, number][];
  /** The source files in those chunks. */
  sources: string[];
}

export async function buildLambda(entry: string, outdir: string): Promise<LambdaBundle> {
  const file = path.join(outdir, "index.mjs");
  const { metafile } = await build({
    entryPoints: { index: entry },
    outdir,
    outExtension: { ".js": ".mjs" },
    // A dynamic import() in the app becomes its own chunk, loaded on first use rather than at cold start
    // (the stack deploys the whole folder).
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    mainFields: ["module", "main"],
    conditions: ["module"],
    minify: true,
    treeShaking: true,
    sourcemap: "linked",
    legalComments: "none",
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: "warning",
    metafile: true,
    plugins: [zodEnglishOnly, prebuiltOpenApi],
  });
  const code = Object.entries(metafile.outputs).filter(([name]) => name.endsWith(".mjs"));
  // Dynamically imported modules are entry points too; ours is the one written to index.mjs.
  const entryName = code.find(([name]) => path.resolve(name) === path.resolve(file))?.[0];
  // The static import closure of the entry: what Node reads before the handler exists.
  const closure = (from: string | undefined, seen: Set<string>) => {
    const visit = (name: string | undefined) => {
      if (!name || seen.has(name)) return;
      seen.add(name);
      for (const imported of metafile.outputs[name]?.imports ?? [])
        if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
    };
    visit(from);
    return seen;
  };
  const coldStart = closure(entryName, new Set());
  const sum = (names: string[]) => names.reduce((n, name) => n + (metafile.outputs[name]?.bytes ?? 0), 0);
  // A first /v1 request: the API's dispatch (createApp's import() on the first /v1 request), then the route
  // module that serves it.
  const entryOf = (source: string) => code.find(([, output]) => output.entryPoint?.endsWith(source))?.[0];
  const firstRequest = (routeModule: string): FirstRequestLoads => {
    const seen = new Set(coldStart);
    closure(entryOf("api/routes/api.ts"), seen);
    closure(entryOf(routeModule), seen);
    const loaded = new Set([...seen].filter((name) => !coldStart.has(name)));
    return {
      bytes: sum([...loaded]),
      contributors: contributors(metafile, loaded),
      sources: [...loaded].flatMap((name) => Object.keys(metafile.outputs[name]?.inputs ?? {})),
    };
  };
  return {
    file,
    bytes: sum([...coldStart]),
    totalBytes: sum(code.map(([name]) => name)),
    contributors: contributors(metafile, coldStart),
    firstSync: firstRequest("api/routes/sheets.ts"),
    firstHealth: firstRequest("api/routes/health.ts"),
  };
}

function contributors(metafile: Metafile, outputs: Set<string>): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of [...outputs].map((name) => metafile.outputs[name]!)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split("/")[0] ?? input;
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

/** `npm run build:lambda`: api/entry/lambda.ts into a clean dist/lambda, the folder the stack deploys. */
export async function buildLambdaFolder(root: string): Promise<LambdaBundle> {
  const outdir = path.join(root, "dist/lambda");
  rmSync(outdir, { recursive: true, force: true }); // no stale chunks in the deployed folder
  return buildLambda(path.join(root, "api/entry/lambda.ts"), outdir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "../..");
  const { file, bytes, totalBytes } = await buildLambdaFolder(root);
  console.log(
    `Lambda bundle: ${path.relative(root, file)} ${(bytes / 1024).toFixed(1)} KiB loaded at cold start, ` +
      `${(totalBytes / 1024).toFixed(1)} KiB with the chunks loaded on first use`,
  );
}
