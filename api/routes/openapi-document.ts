// The OpenAPI document, generated from the route configs and their zod schemas by @hono/zod-openapi (its
// registry and generator, @asteasolutions/zod-to-openapi). Loaded only when the document is asked for; the Lambda
// bundle replaces this module with the document generated at build time (api/infra/build-lambda.ts), so the
// generator is not in the deployed code at all. api/infra/bundle.test.ts checks both answer the same bytes.
import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import * as contract from "../../shared/contract.js";
import { withContractSchemas } from "./router.js";

export function openApiDocument(routes: RouteConfig[]): unknown {
  const generator = new OpenAPIHono();
  generator.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key: 'Authorization: Bearer okr_...'",
  });
  for (const route of routes) generator.openAPIRegistry.registerPath(withContractSchemas(route, contract));
  return generator.getOpenAPIDocument({
    openapi: "3.0.3",
    info: { title: "OKR Sheets sync API", version: "1.0.0" },
  });
}
