// Stream fakes for the UI tests: a Writable that records what it was given, and a stdin, each
// claiming to be a terminal or not.
import { PassThrough, Writable } from 'node:stream';

/** Collects writes synchronously; with `isTTY` it also has the tty methods yocto-spinner calls. */
export class Sink extends Writable {
  readonly chunks: string[] = [];
  readonly columns = 80;

  constructor(readonly isTTY = false) {
    super({ decodeStrings: false });
  }

  override _write(
    chunk: unknown,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }

  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
}

/** A stdin that is (or is not) a terminal; type keys into it with `write`. */
export function fakeStdin(
  isTTY: boolean,
): PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void } {
  return Object.assign(new PassThrough(), { isTTY, setRawMode: () => undefined });
}

/** A stdin that fails the test if anything so much as looks at it. */
export function untouchableStdin(): PassThrough {
  return new Proxy(new PassThrough(), {
    get(_target, key) {
      throw new Error(`stdin.${String(key)} was read`);
    },
  });
}

export const ESC = '\u001b';
