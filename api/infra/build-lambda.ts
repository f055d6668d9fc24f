// Bundles api/lambda.ts into dist/lambda/index.mjs for the Node 22 arm64 runtime and prints its size.
// The AWS SDK is bundled, not taken from the runtime: the bundle then runs the SDK version the tests ran,
// and tree-shaking keeps only the DynamoDB clients.
import { statSync } from "node:fs";
import * as path from "node:path";
import { build, type Metafile } from "esbuild";

export interface LambdaBundle {
  file: string;
  bytes: number;
  /** Minified bytes per package (or top-level source folder), largest first. */
  contributors: [string, number][];
}

export async function buildLambda(entry: string, outdir: string): Promise<LambdaBundle> {
  const file = path.join(outdir, "index.mjs");
  const { metafile } = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
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
  });
  return { file, bytes: statSync(file).size, contributors: contributors(metafile) };
}

function contributors(metafile: Metafile): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split("/")[0] ?? input;
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "../..");
  const { file, bytes } = await buildLambda(path.join(root, "api/lambda.ts"), path.join(root, "dist/lambda"));
  console.log(`Lambda bundle: ${path.relative(root, file)} ${(bytes / 1024).toFixed(1)} KiB`);
}
