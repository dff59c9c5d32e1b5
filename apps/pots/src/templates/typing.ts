// Typing a template's commands into panes' interactive shells (`run: shell`), as tmuxp and
// tmuxinator do, so `cd`, `export` and `source` still hold at the prompt and every line is in the
// shell's history. A line typed before the shell reads its terminal is not lost (the terminal
// keeps it), but it is echoed ahead of the prompt, and some shell setups discard what arrived
// while they started — so each pane is typed into once its shell has drawn a prompt: the cursor
// has left the first column (a prompt leaves it after its text), or has left the top-left corner
// and stayed put (a prompt that ends in a newline). tmuxp ≥ 1.74 waits the same way (cursor away
// from 0,0). The wait is bounded: a pane that shows no prompt in time is typed into anyway, with
// a warning. All panes are watched with one `list-panes` per poll, and the panes that became
// ready are typed into with one tmux invocation.
//
// Text goes as `send-keys -l --` (literal: no key names, `#(…)` not expanded, a leading `-` not a
// flag; chain() escapes a final `;`), and Enter as its own key, one line at a time.
import { setTimeout as sleep } from 'node:timers/promises';
import { chain, defineFormat, target, type Tmux } from '../tmux/index.js';
import { batchCommands } from './plan.js';

export interface ShellPane {
  /** `%N`. */
  paneId: string;
  /** For warnings: `window "dev", pane 1`. */
  label: string;
  lines: readonly string[];
  /** Press Enter after the last line. */
  enter: boolean;
  /** false: each line is typed after a space (shells that ignore such lines keep it out of history). */
  history: boolean;
}

export interface TypeIntoShellsOptions {
  /** The session holding the panes (`$N`). */
  sessionId: string;
  /** Give up waiting for a prompt after this long, then type anyway with a warning (default 10 s). */
  timeoutMs?: number;
  /** Between two looks at the panes (default 50 ms). */
  intervalMs?: number;
  /** tmux commands to run once every pane was typed into (window options set after typing). */
  after?: readonly string[][];
}

export interface TypeIntoShellsResult {
  /** One line per pane typed into without a prompt, or not typed into (its process ended). */
  warnings: string[];
  /** tmux invocations used, polls included. */
  calls: number;
}

/** Default bound on the wait for a prompt: a `.bashrc` that takes seconds still fits. */
export const SHELL_READY_TIMEOUT_MS = 10_000;
/** A cursor away from the corner but in column 0 counts as a prompt once it stays this long. */
const STEADY_MS = 500;

const READY = defineFormat({
  id: 'pane_id',
  x: 'cursor_x',
  y: 'cursor_y',
  dead: 'pane_dead',
});

/**
 * Types each pane's lines into its shell once the shell shows a prompt (see the file comment),
 * bounded by `timeoutMs`; then runs `after`. Never throws for a slow or gone pane: it warns.
 * @example await typeIntoShells(tmux, [{ paneId: '%3', label: 'pane 0', lines: ['cd web', 'npm run dev'], enter: true, history: true }], { sessionId: '$1' })
 */
export async function typeIntoShells(
  tmux: Tmux,
  panes: readonly ShellPane[],
  options: TypeIntoShellsOptions,
): Promise<TypeIntoShellsResult> {
  const warnings: string[] = [];
  let calls = 0;
  const timeout = options.timeoutMs ?? SHELL_READY_TIMEOUT_MS;
  const interval = options.intervalMs ?? 50;
  const deadline = Date.now() + timeout;
  const pending = new Map(panes.map((pane) => [pane.paneId, pane]));
  const seen = new Map<string, { at: string; since: number }>();

  while (pending.size > 0) {
    const stdout = await tmux.run([
      'list-panes',
      '-s',
      '-t',
      target(options.sessionId),
      '-F',
      READY.format,
    ]);
    calls++;
    const now = Date.now();
    const state = new Map(READY.parse(stdout).map((r) => [r.id, r]));
    const ready: ShellPane[] = [];
    for (const pane of pending.values()) {
      const r = state.get(pane.paneId);
      if (!r || r.dead === '1') {
        warnings.push(`${pane.label}: its shell ended before its commands were typed; not typed`);
        pending.delete(pane.paneId);
        continue;
      }
      const at = `${r.x},${r.y}`;
      const before = seen.get(pane.paneId);
      if (before?.at !== at) seen.set(pane.paneId, { at, since: now });
      const steady = before?.at === at && now - before.since >= STEADY_MS;
      if (r.x !== '0' || (at !== '0,0' && steady)) ready.push(pane);
    }
    if (now >= deadline) {
      for (const pane of pending.values()) {
        if (ready.includes(pane)) continue;
        warnings.push(
          `${pane.label}: no shell prompt within ${timeout / 1000} s; its commands were typed anyway`,
        );
        ready.push(pane);
      }
    }
    if (ready.length > 0) {
      for (const argv of batchCommands(ready.flatMap(keystrokes))) {
        await tmux.run(argv);
        calls++;
      }
      for (const pane of ready) pending.delete(pane.paneId);
    }
    if (pending.size > 0) await sleep(interval);
  }
  if (options.after && options.after.length > 0) {
    await tmux.run(chain(options.after));
    calls++;
  }
  return { warnings, calls };
}

/** One pane's lines as tmux commands: literal text, then Enter. */
function keystrokes(pane: ShellPane): string[][] {
  const t = target(pane.paneId);
  const out: string[][] = [];
  pane.lines.forEach((line, i) => {
    const text = pane.history ? line : ` ${line}`;
    if (text !== '') out.push(['send-keys', '-t', t, '-l', '--', text]);
    if (i < pane.lines.length - 1 || pane.enter) out.push(['send-keys', '-t', t, 'Enter']);
  });
  return out;
}
