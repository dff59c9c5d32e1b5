// Reading a growing log from an offset: every byte once, in order. fs.watch wakes the reader as
// pipe-pane's `cat` appends (inotify on Linux); callers also read on a timer, so a missed or
// coalesced event only delays a chunk, never loses it. UTF-8 split across reads is reassembled.
import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

export interface LogTail {
  /**
   * What was appended since the last read, at most about `maxBytes` of it ('' when nothing): a
   * reader that fell behind catches up chunk by chunk, in flat memory, as fast as it consumes.
   */
  read(): Promise<string>;
  /** The file offset read up to. */
  readonly offset: number;
  /** What an incomplete UTF-8 sequence at the very end held back (as U+FFFD), once no more comes. */
  flush(): string;
  close(): Promise<void>;
}

/**
 * Opens `path` for tailing from byte `from` (default: its current end); `onChange` is called when
 * the file may have grown.
 * @example const tail = await openLogTail(log, { from: 0, onChange: wake }); const text = await tail.read()
 */
export async function openLogTail(
  path: string,
  options: { from?: number; onChange?: () => void; maxBytes?: number } = {},
): Promise<LogTail> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const handle: FileHandle = await open(path, 'r');
  let offset = options.from ?? (await handle.stat()).size;
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(64 * 1024);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path, { persistent: false }, () => options.onChange?.());
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined; // the timer still reads
  }
  let reading: Promise<string> | undefined;

  const readChunk = async (): Promise<string> => {
    let out = '';
    let taken = 0;
    while (taken < maxBytes) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      taken += bytesRead;
      out += decoder.write(buffer.subarray(0, bytesRead));
    }
    return out;
  };

  return {
    get offset() {
      return offset;
    },
    read() {
      // Reads never overlap: each continues where the previous one stopped.
      const next = (reading ?? Promise.resolve('')).then(() => readChunk());
      reading = next.catch(() => '');
      return next;
    },
    flush() {
      return decoder.end();
    },
    async close() {
      watcher?.close();
      await reading;
      await handle.close();
    },
  };
}
