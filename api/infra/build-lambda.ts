// Bundles api/lambda.ts into dist/lambda/index.mjs for the Node 22 arm64 runtime and prints its size.
// The AWS SDK is bundled, not taken from the runtime: the bundle then runs the SDK version the tests ran,
// and tree-shaking keeps only the DynamoDB clients.
import { statSync } from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";

export async function buildLambda(entry: string, outdir: string): Promise<{ file: string; bytes: number }> {
  const file = path.join(outdir, "index.mjs");
  await build({
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
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return { file, bytes: statSync(file).size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "../..");
  const { file, bytes } = await buildLambda(path.join(root, "api/lambda.ts"), path.join(root, "dist/lambda"));
  console.log(`Lambda bundle: ${path.relative(root, file)} ${(bytes / 1024).toFixed(1)} KiB`);
}
