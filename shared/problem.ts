// Problems whose message is written when first read. A 100k-row organisation carries tens of thousands of
// findings (one hint per key result without a leading KPI, say), and most are never shown: each keeps its
// code, place and the values of its message, and writes the text once, when it is read or sent.
import type { ColumnKey, Problem, Severity } from "./model.js";

/** The values a message is written from; a Place is written as "Sales row 14 (KR-9)" in the language. */
export type MessageValues = Readonly<Record<string, string | number | Place>>;

/** Where a finding is: the sheet's name, the 1-based row and the ID (the `{where}` of analysis messages). */
export interface Place {
  readonly sheet: string;
  readonly row: number;
  readonly id: string;
}

/**
 * Writes a message from its values and, for analysis messages, the place it is about (its `{where}`); one
 * per language and code, shared by every finding of that code.
 */
export type MessageComposer = (values: MessageValues, where: Place | null) => string;

export interface ProblemFields {
  code: string;
  severity: Severity;
  row: number | null;
  column: ColumnKey | null;
  ids?: string[];
  rowId?: string;
  sheetId?: string;
}

/**
 * A Problem with the message written on first read. It is a Problem in every way that is read (property,
 * JSON.stringify, structured answers); an object spread (`{ ...problem }`) copies own fields only, so copy it
 * with `toJSON()` instead.
 */
export class LazyProblem implements Problem {
  code: string;
  severity: Severity;
  row: number | null;
  column: ColumnKey | null;
  declare ids?: string[];
  declare rowId?: string;
  declare sheetId?: string;
  #compose: MessageComposer | null;
  #values: MessageValues | null;
  #where: Place | null;
  #message: string | null = null;

  constructor(
    fields: ProblemFields,
    compose: MessageComposer,
    values: MessageValues,
    where: Place | null = null,
  ) {
    this.code = fields.code;
    this.severity = fields.severity;
    this.row = fields.row;
    this.column = fields.column;
    if (fields.ids !== undefined) this.ids = fields.ids;
    if (fields.rowId !== undefined) this.rowId = fields.rowId;
    if (fields.sheetId !== undefined) this.sheetId = fields.sheetId;
    this.#compose = compose;
    this.#values = values;
    this.#where = where;
  }

  get message(): string {
    if (this.#message === null) {
      this.#message = this.#compose!(this.#values!, this.#where);
      this.#compose = null;
      this.#values = null;
      this.#where = null;
    }
    return this.#message;
  }

  set message(text: string) {
    this.#message = text;
    this.#compose = null;
    this.#values = null;
    this.#where = null;
  }

  /** The plain Problem, fields in the order every problem has always been written in. */
  toJSON(): Problem {
    const plain: Problem = {
      code: this.code,
      severity: this.severity,
      message: this.message,
      row: this.row,
      column: this.column,
    };
    if (this.ids !== undefined) plain.ids = this.ids;
    if (this.rowId !== undefined) plain.rowId = this.rowId;
    if (this.sheetId !== undefined) plain.sheetId = this.sheetId;
    return plain;
  }
}
