// What the agent commands (spawn, send, broadcast, capture, logs, ps, wait) share: a requested exit
// code (`pots wait --exit` exits with the pane's), Ctrl-C as an AbortSignal, JSON lines written
// with back-pressure.
import type { Writable } from 'node:stream';

let requested: number | undefined;

/** Makes the process exit with `code` once the command returns (unless interrupted). */
export function requestExitCode(code: number): void {
  requested = code;
}

/** The exit code a command asked for, if any (read once by `run`). */
export function requestedExitCode(): number | undefined {
  return requested;
}

/**
 * An AbortSignal aborted by the first SIGINT/SIGTERM — the boundary still turns that into exit 130
 * once the command has cleaned up (stopped its pipe, closed its files).
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}

/** Writes `text`, waiting when the stream's buffer is full (a slow pipe must not grow memory). */
export async function write(stream: Writable, text: string): Promise<void> {
  if (text === '' || stream.write(text)) return;
  await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/**
 * One JSON value on one line (JSON Lines). As `ui.json` does, DEL, C1 controls and bidi overrides
 * are escaped too, so the line is safe on a terminal.
 * @example jsonLine({ paneId: '%3' }) // '{"paneId":"%3"}\n'
 */
export function jsonLine(value: unknown): string {
  const text = JSON.stringify(value).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
