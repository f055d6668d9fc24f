// Every failure leaves as JSON {error: {code, message, details}} with a fitting status.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { ErrorCode } from "../../../shared/wire.js";
import { ApiError } from "../../app/errors.js";
import { isStoreUnavailable } from "../../store/unavailable.js";

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  // the store's BatchWriteItem loop, when DynamoDB keeps handing items back after every retry
  "UnprocessedItemsError",
]);

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function respond(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return c.json(errorBody(code, message, details), status);
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Seconds a client waits before retrying when the database cannot be reached. */
export const STORE_RETRY_AFTER_SECONDS = 2;

export const handleError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return respond(c, error.status, error.code, error.message, error.details);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const malformed = status === 400 && /json/i.test(error.message);
    if (status === 415)
      return respond(
        c,
        415,
        "unsupported_media_type",
        "Send the request body as JSON, with the header 'Content-Type: application/json'",
      );
    return respond(
      c,
      status,
      malformed ? "malformed_json" : (HTTP_CODES[status] ?? "http_error"),
      malformed ? "The request body is not valid JSON" : error.message || "Request failed",
    );
  }
  const name = (error as { name?: string }).name ?? "";
  if (THROTTLING.has(name)) {
    c.header("Retry-After", "1");
    return respond(c, 429, "throttled", "The database is busy; retry after a second");
  }
  if (isStoreUnavailable(error)) {
    console.error("Store unavailable", (error as Error).message ?? error);
    c.header("Retry-After", String(STORE_RETRY_AFTER_SECONDS));
    return respond(
      c,
      503,
      "store_unavailable",
      `The database cannot be reached right now; nothing was lost, retry in ${STORE_RETRY_AFTER_SECONDS} s`,
    );
  }
  console.error("Unhandled error", error);
  return respond(c, 500, "internal_error", "Something went wrong on our side; the request was not completed");
};

export const handleNotFound: NotFoundHandler = (c) =>
  respond(c, 404, "not_found", `No endpoint ${c.req.method} ${c.req.path}`);

/** Readable path of a zod issue: rows[3].target. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`))
    .join("");
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
  errors?: Issue[][];
}

/**
 * The union branch the input was meant for: one that does not object to the `type` field itself
 * (a stub must have none, a full row must have one), so a full row's error names its bad field.
 */
function closestBranch(branches: Issue[][], input: unknown): Issue[] {
  const aboutType = (issues: Issue[]) =>
    issues.some((issue) => issue.path.length === 1 && issue.path[0] === "type");
  const fine = branches.find((issues) => !aboutType(issues));
  if (fine) return fine;
  // Both object to `type`: an input with a type was meant as a full row, so its branch names the type's
  // allowed values (the stub's complaint, "type must be absent", would mislead).
  const typed = typeof input === "object" && input !== null && "type" in input;
  const unrecognized = (issues: Issue[]) => issues.some((issue) => issue.code === "unrecognized_keys");
  return (typed ? branches.find((issues) => !unrecognized(issues)) : undefined) ?? branches[0] ?? [];
}

/** The part of the input at `path`. */
function at(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) value = (value as Record<PropertyKey, unknown> | null)?.[part];
  return value;
}

/** Flattens union failures to the branch the input was meant for, so messages name the field. */
function flatten(
  issues: readonly Issue[],
  data: unknown,
  prefix: readonly PropertyKey[] = [],
): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors?.length)
      return flatten(closestBranch(issue.errors, at(data, path)), data, path);
    return [{ path, message: issue.message }];
  });
}

/** For a path into `rows[i]`, the sheet row and ID the add-on sent, so the person can find the cell. */
function sheetRowOf(path: readonly PropertyKey[], data: unknown): { row?: number; id?: string } {
  if (path[0] !== "rows" || typeof path[1] !== "number") return {};
  const item = (data as { rows?: unknown[] } | null)?.rows?.[path[1]] as
    | { row?: unknown; id?: unknown }
    | undefined;
  return {
    ...(typeof item?.row === "number" ? { row: item.row } : {}),
    ...(typeof item?.id === "string" ? { id: item.id } : {}),
  };
}

/**
 * A 400 naming every field that failed, e.g.
 * "rows[3].target (sheet row 14, ID 'KR-3'): Invalid input: expected number, received string".
 */
export function validationError(error: ZodError, target: string, data?: unknown): ApiError {
  const issues = flatten(error.issues as unknown as Issue[], data).map((issue) => {
    const where = sheetRowOf(issue.path, data);
    return { path: pathText(issue.path), message: issue.message, ...where };
  });
  const first = issues[0];
  const place = (issue: (typeof issues)[number]) => {
    const parts = [
      issue.row !== undefined ? `sheet row ${issue.row}` : "",
      issue.id !== undefined ? `ID '${issue.id}'` : "",
    ];
    const context = parts.filter(Boolean).join(", ");
    return `${issue.path}${context ? ` (${context})` : ""}`;
  };
  // "Invalid request body: rows[3].target (...): ..." or, for the body as a whole, "Invalid request body: ..."
  const summary = first ? [place(first), first.message].filter(Boolean).join(": ") : "Invalid request";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new ApiError(400, "invalid_request", `Invalid ${target}: ${summary}${more}`, { issues });
}
