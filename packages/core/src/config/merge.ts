// How layers combine: objects merge key by key, everything else (arrays included) replaces.
// A key path names one leaf: "pots.prefix", "worktrees.copy" (a whole array is one leaf).

export type PlainObject = Record<string, unknown>;

// Keys that would reach Object.prototype through plain assignment.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A new object: `over` merged onto `base`; `undefined` in `over` leaves `base` alone. */
export function mergeLayers(base: PlainObject, over: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined || UNSAFE_KEYS.has(key)) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeLayers(current, value) : value;
  }
  return out;
}

/** Freezes `value` and everything reachable through plain objects and arrays. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Every leaf of `value` with its key path. An empty object counts as a leaf. */
export function listLeaves(value: PlainObject, prefix: string[] = []): Array<[string[], unknown]> {
  const out: Array<[string[], unknown]> = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    if (isPlainObject(child) && Object.keys(child).length > 0) out.push(...listLeaves(child, path));
    else out.push([path, child]);
  }
  return out;
}

/** True when `layer` sets the leaf at `path` (split into keys). */
export function hasPath(layer: unknown, path: readonly string[]): boolean {
  let value = layer;
  for (const key of path) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return false;
    value = value[key];
  }
  return value !== undefined;
}
