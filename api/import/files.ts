// Files named on a command line, as import files: the size from the file system first, the bytes read
// only when the import has checked the size (a 50 MB file is refused without being read).
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { ImportFile } from "./index.js";

export function filesAt(paths: readonly string[]): ImportFile[] {
  return paths.map((path) => {
    let size = -1;
    try {
      const stats = statSync(path);
      if (stats.isFile()) size = stats.size;
    } catch {
      // no such file: size -1, reported by the import
    }
    return { name: path, size, bytes: async () => new Uint8Array(await readFile(path)) };
  });
}
