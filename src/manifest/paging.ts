// Listing tools return one bounded page and say how to get the next, so one call cannot flood the
// assistant's context.

import { z } from "zod";

export const pageFields = {
  page: z.number().nullable(),
  total_pages: z.number().nullable(),
  truncated: z.boolean().describe("More results exist than are shown."),
  next_page: z.number().nullable().describe("Pass as page to see more; null when this is the last page."),
};

/** The paging fields from LiteLLM's own page counters. */
export function pageOf(page: unknown, totalPages: unknown): { page: unknown; total_pages: unknown; truncated: boolean; next_page: number | null } {
  const more = typeof page === "number" && typeof totalPages === "number" && page < totalPages;
  return { page, total_pages: totalPages, truncated: more, next_page: more ? page + 1 : null };
}


/** The first `limit` items of a list LiteLLM does not page, and whether any were left out. */
export function firstItems(items: unknown, limit: number, map: (item: unknown) => unknown): { items: unknown; truncated: boolean } {
  if (!Array.isArray(items)) return { items: items ?? null, truncated: false };
  return { items: items.slice(0, limit).map(map), truncated: items.length > limit };
}
