// What an error says, for a message to the user or the log: Apps Script's exceptions are Error objects, but
// anything thrown (and errors from another realm) may reach here. And every answer the API can give the add-on,
// as a sentence in the user's language: the API's codes (api/middleware, api/sync, api/routes) each have one, and
// any other status a sentence for its kind. Never a raw HTTP line.
import { type Catalog, translate } from "../shared/i18n.js";
import type { Language } from "../shared/model.js";

export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

type ApiErrorKey =
  | "missing_api_key"
  | "invalid_api_key"
  | "revoked_api_key"
  | "forbidden"
  | "sheet_not_allowed"
  | "not_found"
  | "key_result_not_found"
  | "invalid_request"
  | "invalid_request_row"
  | "payload_too_large"
  | "idempotency_key_reused"
  | "duplicate_row_id"
  | "hash_mismatch"
  | "conflict"
  | "stale_revision"
  | "stale_cursor"
  | "throttled"
  | "unreachable"
  | "not_allowlisted"
  | "server_error"
  | "store_unavailable"
  | "invalid_request_unread"
  | "not_okr_api"
  | "in_progress"
  | "clock_ahead"
  | "clock_behind"
  | "cycle_closed"
  | "refused";

const API_ERRORS: Catalog<ApiErrorKey> = {
  en: {
    missing_api_key: "the add-on has no API key: add the one your OKR admin gave you in Settings",
    invalid_api_key: "the API key in Settings is not valid: check it, or ask your OKR admin for a new one",
    revoked_api_key: "the API key in Settings was revoked: ask your OKR admin for a new one",
    forbidden: "the API key in Settings may not do this (it is a {role} key): ask your OKR admin",
    sheet_not_allowed:
      "the API key in Settings belongs to another sheet, not '{sheet}': use this sheet's key, or set its Sheet ID in Settings",
    not_found: "the server has no such item",
    cycle_closed:
      "cycle '{cycle}' is already closed in this sheet: its grades stay as they were frozen, and later edits are not counted",
    key_result_not_found: "the server does not have key result '{id}' until the next sync",
    invalid_request: "the server could not read what was sent ({field})",
    invalid_request_row: "the server could not read row {row} ({field}): check that row's cells",
    payload_too_large: "the sheet is too large to send in one sync",
    idempotency_key_reused: "the server already has a different request under the same key; try again",
    duplicate_row_id: "two rows share an ID ({ids}): give each row its own ID",
    hash_mismatch: "the server read rows {rows} differently from this sheet; try again",
    conflict: "the sheet changed on the server meanwhile; try again",
    stale_revision: "the sheet changed on the server meanwhile; sync again",
    stale_cursor: "the rollup changed on the server while it was read; pull it again",
    throttled: "the server is busy; try again in a minute",
    unreachable: "the OKR server at {url} could not be reached; check the connection and try again",
    not_allowlisted: "{url} is not an API this add-on may call (it may call {allowed})",
    server_error: "the OKR server had a problem and did not complete the request; try again later",
    refused: "the OKR server refused the request; if it happens again, tell your OKR admin",
    store_unavailable:
      "the OKR server's storage is not answering right now; nothing was lost: try again in a few minutes",
    invalid_request_unread:
      "the server could not read what this add-on sent; if it happens again, tell your OKR admin (the add-on may need an update)",
    in_progress: "the server is still writing an earlier sync of this sheet; try again in a minute",
    clock_ahead: "this computer's clock is ahead of the server's: check its date and time, then sync again",
    clock_behind: "the check-in's time is before 2000: check this computer's date, then sync again",
    not_okr_api: "the API URL in Settings ({url}) did not answer as the OKR API does: check it",
  },
  sv: {
    missing_api_key:
      "tillägget har ingen API-nyckel: ange den som din OKR-administratör gav dig under Inställningar",
    invalid_api_key:
      "API-nyckeln under Inställningar är ogiltig: kontrollera den eller be din OKR-administratör om en ny",
    revoked_api_key: "API-nyckeln under Inställningar har återkallats: be din OKR-administratör om en ny",
    forbidden:
      "API-nyckeln under Inställningar får inte göra detta (den är en nyckel för {role}): fråga din OKR-administratör",
    sheet_not_allowed:
      "API-nyckeln under Inställningar hör till ett annat blad, inte '{sheet}': använd bladets nyckel eller ange dess blad-ID under Inställningar",
    not_found: "servern har inget sådant",
    cycle_closed:
      "cykeln '{cycle}' är redan stängd i det här bladet: betygen står kvar som de frystes, och senare ändringar räknas inte",
    key_result_not_found: "servern har inte nyckelresultatet '{id}' förrän efter nästa synkning",
    invalid_request: "servern kunde inte läsa det som skickades ({field})",
    invalid_request_row: "servern kunde inte läsa rad {row} ({field}): kontrollera radens celler",
    payload_too_large: "bladet är för stort för att skickas i en synkning",
    idempotency_key_reused: "servern har redan en annan begäran med samma nyckel; försök igen",
    duplicate_row_id: "två rader har samma ID ({ids}): ge varje rad ett eget ID",
    hash_mismatch: "servern läste raderna {rows} annorlunda än bladet; försök igen",
    conflict: "bladet ändrades på servern under tiden; försök igen",
    stale_revision: "bladet ändrades på servern under tiden; synka igen",
    stale_cursor: "sammanställningen ändrades på servern medan den lästes; hämta den igen",
    throttled: "servern är upptagen; försök igen om en minut",
    unreachable: "OKR-servern på {url} gick inte att nå; kontrollera anslutningen och försök igen",
    not_allowlisted: "{url} är inte ett API som tillägget får anropa (det får anropa {allowed})",
    server_error: "OKR-servern fick ett problem och slutförde inte begäran; försök igen senare",
    refused: "OKR-servern avvisade begäran; säg till er OKR-administratör om det händer igen",
    store_unavailable:
      "OKR-serverns lagring svarar inte just nu; inget gick förlorat: försök igen om några minuter",
    invalid_request_unread:
      "servern kunde inte läsa det tillägget skickade; säg till er OKR-administratör om det händer igen (tillägget kan behöva uppdateras)",
    in_progress: "servern skriver fortfarande en tidigare synkning av bladet; försök igen om en minut",
    clock_ahead: "datorns klocka går före serverns: kontrollera datum och tid och synka sedan igen",
    clock_behind: "incheckningens tid är före år 2000: kontrollera datorns datum och synka sedan igen",
    not_okr_api: "API-adressen under Inställningar ({url}) svarade inte som OKR-API:et gör: kontrollera den",
  },
  nb: {
    missing_api_key:
      "tillegget har ingen API-nøkkel: legg inn den OKR-administratoren ga deg under Innstillinger",
    invalid_api_key:
      "API-nøkkelen under Innstillinger er ugyldig: sjekk den, eller be OKR-administratoren om en ny",
    revoked_api_key: "API-nøkkelen under Innstillinger er tilbakekalt: be OKR-administratoren om en ny",
    forbidden:
      "API-nøkkelen under Innstillinger kan ikke gjøre dette (den er en nøkkel for {role}): spør OKR-administratoren",
    sheet_not_allowed:
      "API-nøkkelen under Innstillinger hører til et annet ark, ikke '{sheet}': bruk arkets nøkkel, eller legg inn ark-ID-en under Innstillinger",
    not_found: "serveren har ikke noe slikt",
    cycle_closed:
      "syklusen '{cycle}' er allerede lukket i dette arket: karakterene står som de ble frosset, og senere endringer telles ikke",
    key_result_not_found: "serveren har ikke nøkkelresultatet '{id}' før etter neste synkronisering",
    invalid_request: "serveren kunne ikke lese det som ble sendt ({field})",
    invalid_request_row: "serveren kunne ikke lese rad {row} ({field}): sjekk cellene i den raden",
    payload_too_large: "arket er for stort til å sendes i én synkronisering",
    idempotency_key_reused: "serveren har allerede en annen forespørsel med samme nøkkel; prøv igjen",
    duplicate_row_id: "to rader har samme ID ({ids}): gi hver rad sin egen ID",
    hash_mismatch: "serveren leste radene {rows} annerledes enn arket; prøv igjen",
    conflict: "arket ble endret på serveren i mellomtiden; prøv igjen",
    stale_revision: "arket ble endret på serveren i mellomtiden; synkroniser igjen",
    stale_cursor: "sammendraget ble endret på serveren mens det ble lest; hent det igjen",
    throttled: "serveren er opptatt; prøv igjen om et minutt",
    unreachable: "OKR-serveren på {url} kunne ikke nås; sjekk tilkoblingen og prøv igjen",
    not_allowlisted: "{url} er ikke et API tillegget kan kalle (det kan kalle {allowed})",
    server_error: "OKR-serveren fikk et problem og fullførte ikke forespørselen; prøv igjen senere",
    refused: "OKR-serveren avviste forespørselen; si fra til OKR-administratoren om det skjer igjen",
    store_unavailable:
      "OKR-serverens lagring svarer ikke akkurat nå; ingenting gikk tapt: prøv igjen om noen minutter",
    invalid_request_unread:
      "serveren kunne ikke lese det tillegget sendte; si fra til OKR-administratoren om det skjer igjen (tillegget kan trenge en oppdatering)",
    in_progress: "serveren skriver fortsatt en tidligere synkronisering av arket; prøv igjen om et minutt",
    clock_ahead: "maskinens klokke går foran serverens: sjekk dato og klokkeslett, og synkroniser igjen",
    clock_behind: "innsjekkens tidspunkt er før år 2000: sjekk maskinens dato, og synkroniser igjen",
    not_okr_api: "API-adressen under Innstillinger ({url}) svarte ikke slik OKR-API-et gjør: sjekk den",
  },
};

const ROLE_WORDS: Record<Language, Record<string, string>> = {
  en: { writer: "sheet writer", reader: "reader", admin: "admin" },
  sv: { writer: "skrivning i ett blad", reader: "läsning", admin: "administratör" },
  nb: { writer: "skriving i ett ark", reader: "lesing", admin: "administrator" },
};

/** What the API answered (or that it could not be reached), as the client saw it. */
export interface ApiAnswer {
  status: number;
  code: string;
  details?: unknown;
  /** The request: its path and, for a sheet, the sheet's ID; the API URL. */
  path: string;
  apiUrl: string;
  allowed?: readonly string[];
  /** The server's own (English, technical) message: for the log, and the role a refused key has. */
  serverMessage?: string;
}

/** The sentence (no full stop: it is a reason inside the caller's message) for an API answer. */
export function apiErrorSentence(language: Language, answer: ApiAnswer): string {
  const say = (key: ApiErrorKey, params: Record<string, string | number> = {}) =>
    translate(API_ERRORS, language, key, params);
  const details = (answer.details ?? {}) as Record<string, unknown>;
  const sheet = decodeURIComponent(/\/sheets\/([^/]+)/.exec(answer.path)?.[1] ?? "");
  switch (answer.code) {
    case "unavailable":
      return say("unreachable", { url: answer.apiUrl });
    case "not_allowlisted":
      return say("not_allowlisted", { url: answer.apiUrl, allowed: (answer.allowed ?? []).join(", ") });
    case "missing_api_key":
    case "invalid_api_key":
    case "revoked_api_key":
    case "payload_too_large":
    case "idempotency_key_reused":
    case "conflict":
    case "stale_revision":
    case "stale_cursor":
    case "throttled":
      return say(answer.code);
    case "forbidden": {
      const role = /A (\w+) key/.exec(answer.serverMessage ?? "")?.[1] ?? "";
      return say("forbidden", { role: ROLE_WORDS[language][role] ?? role });
    }
    case "sheet_not_allowed":
      // A request about no sheet (the rollup, the catalog) is the key's role, not its sheet.
      return sheet
        ? say("sheet_not_allowed", { sheet })
        : say("forbidden", { role: ROLE_WORDS[language].writer! });
    case "not_found": {
      const kr = /\/key-results\/([^/]+)\/check-ins$/.exec(answer.path)?.[1];
      return kr ? say("key_result_not_found", { id: decodeURIComponent(kr) }) : say("not_found");
    }
    case "cycle_closed":
      return say("cycle_closed", { cycle: /Cycle '([^']*)'/.exec(answer.serverMessage ?? "")?.[1] ?? "" });
    case "request_in_progress":
    case "sync_in_progress":
      return say("in_progress");
    case "check_in_in_future":
      return say("clock_ahead");
    case "check_in_too_old":
      return say("clock_behind");
    case "invalid_request":
    case "bad_request":
    case "malformed_json":
    case "json_too_deep":
    case "unsupported_media_type": {
      const issue = ((details.issues as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
      const field = String(issue.path ?? "");
      return typeof issue.row === "number"
        ? say("invalid_request_row", { row: issue.row, field })
        : field
          ? say("invalid_request", { field })
          : say("invalid_request_unread");
    }
    case "duplicate_row_id":
      return say("duplicate_row_id", { ids: ((details.ids as string[] | undefined) ?? []).join(", ") });
    case "hash_mismatch":
      return say("hash_mismatch", {
        rows: ((details.rows as { row?: number }[] | undefined) ?? []).map((r) => r.row).join(", "),
      });
    case "store_unavailable":
      return say("store_unavailable");
    default:
      if (answer.status === 429) return say("throttled");
      if (answer.status >= 500 || answer.status === 0) return say("server_error");
      // Not the API's JSON (a proxy's page, a wrong URL): the code is the status the client made up.
      if (/^http_\d+$/.test(answer.code)) return say("not_okr_api", { url: answer.apiUrl });
      // The code stays in the execution log (ApiFailure.technical), not in the sentence.
      return say("refused");
  }
}

/** A reason standing on its own: capitalised, with a full stop. */
export function asSentence(reason: string): string {
  const text = reason.trim();
  if (text === "") return text;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}
