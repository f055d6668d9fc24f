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
}

export function localPaths(root: string = LOCAL_DATA_ROOT): LocalPaths {
  return {
    root,
    dynalite: root === LOCAL_DATA_ROOT ? LOCAL_DATA_DIR : join(root, "dynalite"),
    demoMarker: join(root, "demo.json"),
  };
}
