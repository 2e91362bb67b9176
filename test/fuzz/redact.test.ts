// redact() is the last line of defence for every secret, so it is fuzzed too: whatever mix of fragments and
// noise a text holds, no prefix or suffix of 6+ characters of a secret survives, text without one is left
// alone, and a megabyte-long secret (a caller may pass any "key") is handled in linear time. The same holds
// for text redacted piece by piece as it streams, however it is cut.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, pieceRedactor, redact } from "../../src/redact.ts";

/** The slow, obviously right check: does any ≥6-character prefix or suffix of the secret occur in the text? */
function holdsFragment(text: string, secret: string): boolean {
  if (secret.length < 6) return text.includes(secret);
  for (let n = 6; n <= secret.length; n++) {
    if (text.includes(secret.slice(0, n)) || text.includes(secret.slice(-n))) return true;
  }
  return false;
}

// Keys as LiteLLM issues them: letters, digits, "-" and "_".
const keyChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
const secret = fc.string({ unit: keyChar, minLength: 6, maxLength: 40 });

const textWith = (secrets: string[]) =>
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: keyChar, maxLength: 8 }),
        fc.tuple(fc.constantFrom(...secrets), fc.nat(), fc.nat()).map(([s, a, b]) => s.slice(Math.min(a, b) % (s.length + 1), s.length - (Math.max(a, b) % 3))),
        fc.constantFrom(...secrets),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(""));
const cases = fc.array(secret, { minLength: 1, maxLength: 3 }).chain((secrets) => fc.tuple(fc.constant(secrets), textWith(secrets)));

describe("redact", () => {
  it("leaves no fragment of any secret in texts built from fragments and noise (5,000 cases)", () => {
    fc.assert(
      fc.property(cases, ([secrets, text]) => {
        // The marker itself spells letters a key may hold ("redact"): look only at what is left of the text.
        const out = redact(text, secrets).split(REDACTED).join("\u0000");
        for (const s of secrets) expect(holdsFragment(out, s), `${JSON.stringify(s)} in ${JSON.stringify(out)}`).toBe(false);
        if (secrets.every((s) => !holdsFragment(text, s))) expect(redact(text, secrets)).toBe(text);
      }),
      { numRuns: 5_000 },
    );
  });

  it("handles a megabyte-long secret inside a megabyte-long text in linear time", () => {
    const huge = "a".repeat(1_000_000);
    expect(redact(`x${huge}y and ${huge.slice(0, 500_000)}`, [huge])).toBe(`x${REDACTED}y and ${REDACTED}`);
    expect(redact("b".repeat(1_000_000), [huge])).toBe("b".repeat(1_000_000));
  });
});

describe("pieceRedactor", () => {
  it("leaves no fragment of any secret however the text is cut and taken (3,000 cases)", () => {
    const cuts = fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(cases, cuts, ([secrets, text], plan) => {
        const redactor = pieceRedactor(secrets);
        let out = "";
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const [size, takeNow] = plan[i % plan.length]!;
          redactor.push(text.slice(at, at + size));
          at += size;
          if (takeNow) out += redactor.take(false);
        }
        out += redactor.take(true);
        expect(redactor.released()).toBe(text.length);
        const left = out.split(REDACTED).join("\u0000");
        for (const s of secrets) expect(holdsFragment(left, s), `${JSON.stringify(s)} in ${JSON.stringify(out)}`).toBe(false);
        if (secrets.every((s) => !holdsFragment(text, s))) expect(out).toBe(text);
      }),
      { numRuns: 3_000 },
    );
  });
});
