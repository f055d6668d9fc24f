import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withFields } from "./with-fields.js";

describe("withFields", () => {
  // (keys of rows only: a "__proto__" key, which no row has, Object.assign would take for the prototype)
  it("is the spread: the same keys in the same order, the added ones winning, the source untouched", () => {
    const record = fc.dictionary(fc.constantFrom("id", "hash", "row", "notes", "a", "b"), fc.jsonValue());
    fc.assert(
      fc.property(record, record, (source, added) => {
        const before = JSON.stringify(source);
        const copy = withFields(source, added);
        const spread = { ...source, ...added };
        expect(Object.keys(copy)).toEqual(Object.keys(spread));
        expect(copy).toStrictEqual(spread);
        expect(JSON.stringify(source)).toBe(before);
        expect(copy).not.toBe(source);
      }),
    );
  });
});
