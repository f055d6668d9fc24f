// What an error says, for a message to the user or the log: Apps Script's exceptions are Error objects, but
// anything thrown (and errors from another realm) may reach here.
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}
