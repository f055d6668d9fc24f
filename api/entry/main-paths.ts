// Where `npm start` and the admin CLI keep local data (OKR_DATA_DIR moves the whole folder).
import { join } from "node:path";

/** The folder of everything `npm start` keeps locally. */
export const LOCAL_DATA_ROOT = ".data";
/** Where `npm start` and the admin CLI keep the local dynalite database. */
export const LOCAL_DATA_DIR = ".data/dynalite";

export interface LocalPaths {
  root: string;
  /** dynalite's database folder. */
  dynalite: string;
  /**
   * The demo marker: the seeded organisation's ID and its reader key, so a second start can print the
   * key again. Local only: the reader key is stored nowhere else in clear (the store keeps its hash).
   */
  demoMarker: string;
  /**
   * While `npm start` runs: its dynalite endpoint and process ID. dynalite's database allows one process,
   * so the admin CLI talks to the running server's dynalite instead of opening the folder itself.
   */
  runningEndpoint: string;
  /**
   * The organisation `npm start -- --import` made for the user's own sheets: its ID, an admin key (the
   * dashboard's upload form) and a reader key. Local only, like the demo marker (file mode 0600).
   */
  ownOrgMarker: string;
  /** What npm start's local SMTP server received (one JSON file per message). */
  outbox: string;
}

export function localPaths(root: string = LOCAL_DATA_ROOT): LocalPaths {
  return {
    root,
    dynalite: root === LOCAL_DATA_ROOT ? LOCAL_DATA_DIR : join(root, "dynalite"),
    demoMarker: join(root, "demo.json"),
    runningEndpoint: join(root, "running.json"),
    ownOrgMarker: join(root, "own-org.json"),
    outbox: join(root, "outbox"),
  };
}

/** The endpoint of the dynalite a live `npm start` serves from this folder, if one is running. */
export function runningEndpoint(paths: LocalPaths, read: (path: string) => string): string | null {
  try {
    const { endpoint, pid } = JSON.parse(read(paths.runningEndpoint)) as {
      endpoint?: unknown;
      pid?: unknown;
    };
    if (typeof endpoint !== "string" || typeof pid !== "number") return null;
    process.kill(pid, 0); // throws when no such process: a file left by a crash
    return endpoint;
  } catch {
    return null;
  }
}
