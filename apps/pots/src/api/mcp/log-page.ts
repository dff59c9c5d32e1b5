// One bounded page of a pane's output log, from a byte cursor: how an MCP client follows an agent's
// output without ever receiving more than it asked for. The cursor is a byte offset into the log
// (which only grows), so a client that keeps the returned `nextCursor` sees every byte once.
import { open } from 'node:fs/promises';
import { UsageError } from '@plumpots/core';
import { stripAnsi } from '@plumpots/core/ui';

export interface LogPage {
  /** The text from `cursor`, escape sequences removed, `\r\n` as `\n` (raw with `raw`). */
  text: string;
  /** Where this page started. */
  cursor: number;
  /** Pass it as the next call's cursor. */
  nextCursor: number;
  /** The log's size when it was read: more than `nextCursor` means there is more to read now. */
  size: number;
  /** The page stopped at `maxBytes` before the end of the log. */
  truncated: boolean;
}

/**
 * Reads up to `maxBytes` of `path` from byte `cursor` (default: the last `maxBytes` of the log),
 * never splitting a UTF-8 character. A cursor past the end reads nothing.
 * @example const page = await readLogPage(pane.log, { cursor: 0, maxBytes: 65536 }); page.nextCursor
 */
export async function readLogPage(
  path: string,
  options: { cursor?: number | undefined; maxBytes: number; raw?: boolean | undefined },
): Promise<LogPage> {
  if (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new UsageError(`maxBytes must be a positive whole number, not ${options.maxBytes}`);
  }
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const cursor = Math.min(options.cursor ?? Math.max(0, size - options.maxBytes), size);
    const length = Math.min(options.maxBytes, size - cursor);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, cursor + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    // Stop before an incomplete character; the next page starts with it.
    const end = completeUtf8(buffer.subarray(0, read));
    const raw = buffer.subarray(0, end).toString('utf8');
    return {
      text: options.raw ? raw : stripAnsi(raw).replace(/\r+\n/g, '\n'),
      cursor,
      nextCursor: cursor + end,
      size,
      truncated: cursor + end < size,
    };
  } finally {
    await handle.close();
  }
}

/** The length of `bytes` without a trailing, incomplete UTF-8 sequence. */
function completeUtf8(bytes: Buffer): number {
  let start = bytes.length - 1;
  // Back up over at most three continuation bytes to the lead byte of the last character.
  while (start >= 0 && bytes.length - start <= 4 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start >= needed ? bytes.length : start;
}
