// The audit trail of `pots mcp`: one JSON line per tool call under the data dir, so a user can see
// afterwards what an agent did with their worktrees and panes. Long strings (prompts) are cut; a
// log that cannot be written never fails the call (it is reported on stderr once).
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One logged call. */
export interface CallLogEntry {
  /** ISO 8601 time the call began. */
  at: string;
  tool: string;
  args: unknown;
  ok: boolean;
  /** With ok false: the error's stable code and exit code. */
  code?: string;
  exitCode?: number;
  ms: number;
  /** The server's process id: tells apart two servers writing to one log. */
  pid: number;
}

/** Strings longer than this are cut in the log (the call itself got the whole string). */
const MAX_STRING = 500;

/**
 * `<dataDir>/mcp/calls.jsonl`.
 * @example callLogPath('/home/me/.local/state/pots') // '/home/me/.local/state/pots/mcp/calls.jsonl'
 */
export function callLogPath(dataDir: string): string {
  return join(dataDir, 'mcp', 'calls.jsonl');
}

/**
 * A writer that appends entries in order to `file` (its directory made on first use); `onError`
 * hears about the first failure only.
 * @example const log = createCallLog(callLogPath(dir), warn); await log.append(entry)
 */
export function createCallLog(
  file: string,
  onError: (error: unknown) => void,
): { append(entry: CallLogEntry): Promise<void> } {
  let chain: Promise<void> = mkdir(dirname(file), { recursive: true }).then(() => undefined);
  let failed = false;
  return {
    append(entry) {
      chain = chain
        .then(() => appendFile(file, `${JSON.stringify(entry, cut)}\n`, { mode: 0o600 }))
        .catch((error: unknown) => {
          if (!failed) onError(error);
          failed = true;
        });
      return chain;
    },
  };
}

function cut(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_STRING) {
    return `${value.slice(0, MAX_STRING)}… (${value.length} characters)`;
  }
  return value;
}
