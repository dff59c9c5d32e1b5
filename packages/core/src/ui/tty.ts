// Whether a stream is a terminal, for streams that may be any Readable/Writable (tests pass plain
// ones, whose isTTY is undefined).
import type { Readable, Writable } from 'node:stream';

/** Whether `stream` is a terminal. @example isTTY(process.stdout) */
export function isTTY(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: unknown }).isTTY === true;
}
