// CSV files as people save them: Google Sheets' download (UTF-8, commas), Excel in Sweden and Norway
// (semicolons, often Windows-1252, sometimes a "sep=;" first line), "Unicode text" (UTF-16, tabs). The
// bytes become a grid of text cells; what the cells mean is the shared parser's business.

/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF or LF; `delimiter` between cells. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export type DecodedText = { ok: true; text: string; encoding: string } | { ok: false };

/**
 * Text from bytes: a BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8; else Windows-1252 (what Excel
 * saves as "CSV" on Swedish and Norwegian Windows). Binary content (NUL bytes, control characters) is
 * refused: it is no CSV.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let encoding = "utf-8";
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ["utf-16be", 2];
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    if (encoding !== "utf-8") return { ok: false };
    encoding = "windows-1252";
    text = new TextDecoder(encoding).decode(body);
  }
  // Text files hold no NUL and almost no other control characters (tab, CR, LF and form feed aside).
  const sample = text.slice(0, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return { ok: false };
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f)
      controls++;
  }
  if (controls > sample.length / 1000) return { ok: false };
  return { ok: true, text, encoding };
}

const DELIMITERS = [",", ";", "\t"] as const;

/** Counts of each delimiter per line outside quotes, for the first lines. */
function delimiterCounts(text: string, lines: number): Record<string, number[]> {
  const counts: Record<string, number[]> = { ",": [0], ";": [0], "\t": [0] };
  let quoted = false;
  let line = 0;
  for (let i = 0; i < text.length && line < lines; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if (char === "\r" && text[i + 1] === "\n") i++;
      line++;
      for (const d of DELIMITERS) counts[d]!.push(0);
    } else if (!quoted && char in counts) counts[char]![line]!++;
  }
  return counts;
}

/**
 * The delimiter: Excel's "sep=X" first line when present, else the one that splits the most lines into
 * several cells (ties: the one with more cells per line; commas by default).
 */
export function detectDelimiter(text: string): { delimiter: string; skipFirstLine: boolean } {
  const sep = /^\uFEFF?sep=(.)\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1]!, skipFirstLine: true };
  const counts = delimiterCounts(text, 30);
  let best: { delimiter: string; lines: number; cells: number } = { delimiter: ",", lines: 0, cells: 0 };
  for (const delimiter of DELIMITERS) {
    const perLine = counts[delimiter]!;
    const lines = perLine.filter((n) => n > 0).length;
    const cells = Math.max(0, ...perLine);
    if (lines > best.lines || (lines === best.lines && cells > best.cells))
      best = { delimiter, lines, cells };
  }
  return { delimiter: best.delimiter, skipFirstLine: false };
}

/** A CSV file's grid, or null when the bytes are not text. */
export function readCsv(bytes: Uint8Array): { grid: string[][]; encoding: string; delimiter: string } | null {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return null;
  const { delimiter, skipFirstLine } = detectDelimiter(decoded.text);
  const text = skipFirstLine ? decoded.text.replace(/^\uFEFF?sep=.\r?\n/i, "") : decoded.text;
  return { grid: parseCsv(text, delimiter), encoding: decoded.encoding, delimiter };
}
