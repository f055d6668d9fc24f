// Every router: routes declared as OpenAPI route configs (createRoute), validated with their zod schemas, whose
// validation failures become our 400 error body. The route configs are also what the OpenAPI document is
// generated from (./openapi-document.ts), but only when it is asked for: the generator
// (@asteasolutions/zod-to-openapi through @hono/zod-openapi) is never loaded to serve a request, and the Lambda
// bundle carries the document prebuilt (api/infra/build-lambda.ts). Types come from @hono/zod-openapi, so
// c.req.valid() and c.json() are typed from the route as before; at run time that package is not imported.
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import { Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { mergePath } from "hono/utils/url";
import { validator } from "hono/validator";
import type { ZodType } from "zod";
import type * as Contract from "../../shared/contract.js";
import type { AppEnv } from "../app/context.js";
import { validationError } from "../middleware/error/index.js";

/** The router type the route modules chain `.openapi()` on (typed as @hono/zod-openapi's, see above). */
export type ApiRouter = OpenAPIHono<AppEnv>;

/** @hono/zod-openapi's createRoute: the config itself (its routing path is derived where it is registered). */
export const createRoute = (<R extends RouteConfig>(config: R) =>
  config) as unknown as typeof import("@hono/zod-openapi").createRoute;

const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
/** hono/validator's test of the media type (parameters cut off) before it parses a body as JSON. */
const HONO_JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** True when a JSON body route's checks parse this request's body as JSON (jsonOnly, then the validator). */
export function parsesAsJson(contentType: string | undefined): boolean {
  if (!contentType || !JSON_REQUEST.test(contentType)) return false;
  return HONO_JSON_MEDIA.test(contentType.split(";")[0]!.trim().toLowerCase());
}

/** A request schema's check as middleware: the parsed value for c.req.valid(), or our 400 naming the field. */
function validate(target: "json" | "query" | "param" | "header", schema: ZodType): MiddlewareHandler {
  // Header names arrive lower-cased; the schema's keys are matched without case (as @hono/zod-validator does).
  const shape =
    target === "header" ? (schema as unknown as { shape: Record<string, unknown> }).shape : undefined;
  const headerKeys = shape ? new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key])) : undefined;
  return validator(target, async (value) => {
    const input = headerKeys
      ? Object.fromEntries(Object.entries(value).map(([key, v]) => [headerKeys.get(key) ?? key, v]))
      : value;
    const result = await schema.safeParseAsync(input);
    if (result.success) return result.data;
    // The body is cached by the request, so the rows' positions can be named from it.
    throw validationError(
      result.error,
      target === "json" ? "request body" : target,
      target === "json" ? input : undefined,
    );
  });
}

/**
 * A JSON body route refuses other media types (415, which names application/json), and a body without a
 * Content-Type, before validating (as @hono/zod-openapi does).
 */
const jsonOnly: MiddlewareHandler = async (c, next) => {
  const contentType = c.req.header("content-type");
  if (contentType ? !JSON_REQUEST.test(contentType) : (await c.req.arrayBuffer()).byteLength > 0)
    throw new HTTPException(415, { message: "Unsupported Media Type" });
  await next();
};

class Router extends Hono<AppEnv> {
  /** The configs of the routes declared on this router (middleware left out), for the OpenAPI document. */
  readonly configs: RouteConfig[] = [];

  openapi(config: RouteConfig, handler: MiddlewareHandler): this {
    const { middleware, ...route } = config;
    this.configs.push(route);
    const checks: MiddlewareHandler[] = [];
    const request = route.request;
    if (request?.query) checks.push(validate("query", request.query as ZodType));
    if (request?.params) checks.push(validate("param", request.params as ZodType));
    if (request?.headers) checks.push(validate("header", request.headers as ZodType));
    const media = request?.body?.content?.["application/json"];
    const json = media && "schema" in media ? media.schema : undefined;
    if (json) checks.push(jsonOnly, validate("json", json as ZodType));
    const before = middleware ? (Array.isArray(middleware) ? middleware : [middleware]) : [];
    const on = this.on as (method: string, path: string, ...handlers: MiddlewareHandler[]) => unknown;
    on.call(
      this,
      route.method.toUpperCase(),
      route.path.replaceAll(/\/{(.+?)}/g, "/:$1"),
      ...before,
      ...checks,
      handler,
    );
    return this;
  }
}

export function newRouter(): ApiRouter {
  return new Router() as unknown as ApiRouter;
}

/**
 * Mounts routers made by newRouter() under `path` of `app` (app.route()), and returns their route configs with
 * their full paths ({param} form), what the OpenAPI document describes.
 */
export function mountRouters(app: Hono<AppEnv>, path: string, routers: Hono<AppEnv>[]): RouteConfig[] {
  const routes: RouteConfig[] = [];
  for (const router of routers) {
    if (!(router instanceof Router)) throw new Error("not a router made by newRouter()");
    app.route(path, router);
    for (const route of router.configs) routes.push({ ...route, path: mergePath(path, route.path) });
  }
  return routes;
}

type ContractSchemas = typeof Contract;
type ContractSchemaName = {
  [K in keyof ContractSchemas]: ContractSchemas[K] extends ZodType ? K : never;
}[keyof ContractSchemas];

const SCHEMA_NAME = Symbol("contract schema");

/**
 * A schema of shared/contract.ts named, not imported: what a response is described with, which only the OpenAPI
 * document reads (requests are validated with their schemas; responses are not). A route module that needs no
 * schema at run time (./health.ts) so never loads zod or builds the contract's schemas; the document's generator
 * puts the schema in its place (withContractSchemas). Typed as the schema itself, so c.json() stays typed.
 */
export function contractSchema<K extends ContractSchemaName>(name: K): ContractSchemas[K] {
  return { [SCHEMA_NAME]: name } as unknown as ContractSchemas[K];
}

/** `value` with every contractSchema() reference in it replaced by the schema of that name in `contract`. */
export function withContractSchemas<T>(value: T, contract: Record<string, unknown>): T {
  if (typeof value !== "object" || value === null) return value;
  const name = (value as { [SCHEMA_NAME]?: string })[SCHEMA_NAME];
  if (name !== undefined) {
    if (!(name in contract)) throw new Error(`shared/contract.ts has no schema ${name}`);
    return contract[name] as T;
  }
  // Only plain objects and arrays are route config; a zod schema (or anything else) is kept as it is.
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return value.map((item) => withContractSchemas(item, contract)) as T;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, withContractSchemas(item, contract)]),
  ) as T;
}

/** A JSON response of the OpenAPI document: what it is and its schema. */
export const json = <T>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

export const errorResponse = (description: string) => json(description, contractSchema("ErrorSchema"));

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  400: errorResponse("Invalid request (which field, what is wrong)"),
  401: errorResponse("Missing, invalid or revoked API key"),
  403: errorResponse("The key's role or sheet does not allow this"),
  404: errorResponse("Not found in this organisation"),
  429: errorResponse("Throttled; retry later"),
} as const;

export const SECURITY = [{ apiKey: [] }];

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
