// The API called in-process (app.request: the same routes and middleware as over HTTP), for the CLI's
// import and export and the local server's first import.

import { appApi } from "../import/connect.js";
import type { ApiCall } from "../import/sync.js";
import { createApp } from "./app.js";
import type { AppDeps } from "./config.js";

export function inProcessApi(deps: AppDeps): ApiCall {
  return appApi(createApp(deps));
}
