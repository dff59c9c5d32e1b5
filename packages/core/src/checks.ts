// One doctor check, as `plum doctor` and `pots doctor` report it (the `checks` items of their
// `--json`); printed by `printChecks` in `@plumpots/core/ui`.

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One doctor check, as both tools report it. */
export interface Check {
  /** Stable id, one per check (each tool lists its own). */
  id: string;
  status: CheckStatus;
  message: string;
  /** What to do about a warn or fail. */
  fix?: string | undefined;
}
