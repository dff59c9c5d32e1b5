// Progress for slow steps (hooks, `pnpm install` in a new worktree). It animates only on an
// interactive stderr; anywhere else (pipes, CI, --json, --quiet) it is silent until its final line,
// so logs and agents never see frames. yocto-spinner loads only when a spinner really animates
// (a few ms off every other start-up); the first frame appears once it has loaded.
import type { Writable } from 'node:stream';
import type { Color, Spinner as Yocto } from 'yocto-spinner';
import type { Palette } from './colors.js';
import { sanitizeForTerminal } from './sanitize.js';

export interface Spinner {
  /** Replaces the text next to the spinner. */
  update(text: string): void;
  /** Stops, leaving `✓ text` (default: the current text). */
  succeed(text?: string): void;
  /** Stops, leaving `✗ text` (default: the current text). */
  fail(text?: string): void;
  /** Stops and leaves nothing behind. */
  stop(): void;
}

export interface SpinnerOptions {
  stream: Writable;
  /** Draw frames (the caller decided: a TTY, not CI, not `TERM=dumb`, not --json/--quiet). */
  animate: boolean;
  palette: Palette;
  color: boolean;
  /** Print the final `✓` line (false with --json and --quiet; `✗` lines always print). */
  showSuccess: boolean;
}

const SHOW_CURSOR = '\u001B[?25h';

/**
 * Starts a spinner on `options.stream`.
 * @example const s = createSpinner('installing', options); await install(); s.succeed('installed');
 */
export function createSpinner(text: string, options: SpinnerOptions): Spinner {
  const clean = (value: string) =>
    sanitizeForTerminal(value, { keepSgr: options.color, multiline: false });
  const c = options.palette;
  let current = clean(text);
  let done = false;

  let yocto: Yocto | undefined;
  // The spinner hides the cursor; if the process exits mid-spin (a second Ctrl-C), give it back.
  const restoreCursor = () => options.stream.write(SHOW_CURSOR);
  if (options.animate) {
    import('yocto-spinner')
      .then(({ default: yoctoSpinner }) => {
        if (done) return;
        yocto = yoctoSpinner({
          text: current,
          stream: options.stream,
          // runBoundary owns SIGINT: yocto's own handler would process.exit() before the rollback.
          handleSignals: false,
          // yocto-spinner colours from the environment alone; 'reset' draws plain frames for --no-color.
          color: (options.color ? 'cyan' : 'reset') as Color,
        }).start();
        process.once('exit', restoreCursor);
      })
      // Never let a spinner take a command down: without one it is silent until its final line.
      .catch(() => undefined);
  }

  const finish = (line: string | undefined) => {
    if (done) return;
    done = true;
    if (yocto) {
      process.off('exit', restoreCursor);
      yocto.stop(line);
    } else if (line !== undefined) {
      options.stream.write(`${line}\n`);
    }
  };

  return {
    update(value) {
      if (done) return;
      current = clean(value);
      if (yocto) yocto.text = current;
    },
    succeed(value) {
      finish(
        options.showSuccess
          ? `${c.green('✓')} ${value === undefined ? current : clean(value)}`
          : undefined,
      );
    },
    fail(value) {
      finish(`${c.red('✗')} ${value === undefined ? current : clean(value)}`);
    },
    stop() {
      finish(undefined);
    },
  };
}
