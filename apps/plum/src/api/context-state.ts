// What a context remembers outside its object: the worktree listing read while opening it, and
// how to make it load its config afresh. Kept apart from the opener so that the modules the opener
// loads lazily (trust, lock) reach it without importing the opener back.
import type { WorktreeRecord } from '@plumpots/core';

const openingListings = new WeakMap<object, WorktreeRecord[]>();

/** The worktree listing read while opening `ctx`, the first time it is asked for; then undefined. */
export function takeOpeningListing(ctx: object): WorktreeRecord[] | undefined {
  const records = openingListings.get(ctx);
  openingListings.delete(ctx);
  return records;
}

/** Discards the opening listing: the worktrees are about to change. */
export function dropOpeningListing(ctx: object): void {
  openingListings.delete(ctx);
}

const reloaders = new WeakMap<object, () => void>();

/**
 * Makes the next `ctx.config()` and `ctx.plugins()` load afresh (after a trust change, which decides
 * whether a JS/TS repository config is loaded).
 * @example await approve(ctx); reloadConfig(ctx); const { config } = await ctx.config();
 */
export function reloadConfig(ctx: object): void {
  reloaders.get(ctx)?.();
}

/** Registers how `reloadConfig(ctx)` makes `ctx` load its config afresh (called by openRepo). */
export function onReload(ctx: object, reload: () => void): void {
  reloaders.set(ctx, reload);
}

/** Keeps the listing read while opening `ctx` for its first `listWorktrees` (called by openRepo). */
export function keepOpeningListing(ctx: object, records: WorktreeRecord[]): void {
  openingListings.set(ctx, records);
}
