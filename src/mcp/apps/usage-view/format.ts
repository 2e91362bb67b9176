// Numbers as a person reads them, in the host's locale: dollars with the precision small spends need
// (LiteLLM prices single requests in millionths of a dollar), counts with separators.

let locale: string | undefined;

export function setLocale(value: unknown): void {
  try {
    if (typeof value === "string") locale = Intl.getCanonicalLocales(value)[0];
  } catch {
    locale = undefined;
  }
}

export function usd(value: number): string {
  const digits = value !== 0 && Math.abs(value) < 1 ? { maximumSignificantDigits: 3 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", ...digits }).format(value);
}

export function count(value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "2026-11-03" → "3 Nov" in the host's locale (UTC: the days LiteLLM counts in). */
export function day(date: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}
