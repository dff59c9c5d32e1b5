// Untrusted text (branch names, paths, commit subjects, pane output) must never reach the user's
// terminal with control sequences in it: OSC 52 writes the clipboard, CSI 6n injects a reply into
// stdin, bidi overrides disguise what a line says.
//
// A small ECMA-48 state machine rather than a regex: it knows where each sequence really ends
// (an OSC runs to BEL or ST, whatever it contains), it keeps its state across chunks for streamed
// pane output, and it is exact about which SGR sequences it keeps.

export interface SanitizeOptions {
  /** Keep SGR sequences (`ESC [ … m`, colours and styles). Default false. */
  keepSgr?: boolean;
  /**
   * Keep `\t`, `\n` and `\r` (default true). Off, for one-line text such as table cells, `\t` and
   * `\n` become a space and `\r` is dropped, so a value can neither break a row nor overwrite it.
   */
  multiline?: boolean;
}

/** Feeds text in chunks; sequences split across chunks are still recognised. */
export interface TerminalSanitizer {
  /** Returns what of `chunk` is safe to print now. */
  write(chunk: string): string;
  /** Ends the input: an unterminated sequence is dropped. */
  end(): string;
}

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const MAX_SGR_PARAMS = 256;

const enum State {
  Ground,
  Escape,
  EscapeIntermediate,
  Csi,
  /** OSC, DCS, SOS, PM, APC: everything up to BEL or ST is dropped. */
  ControlString,
  ControlStringEscape,
}

/**
 * Removes every terminal control sequence from untrusted text: OSC (`ESC ] … BEL|ST`), DCS, SOS,
 * PM and APC strings, CSI (all of it, or all but SGR with `keepSgr`), other escape sequences, C0
 * controls other than `\t \n \r`, C1 controls (U+0080–U+009F) and bidi overrides/isolates/marks.
 * @example sanitizeForTerminal('\u001b]52;c;cHduZWQ=\u0007\u001b[31mred\u001b[0m', { keepSgr: true }) // '\u001b[31mred\u001b[0m'
 */
export function sanitizeForTerminal(text: string, options: SanitizeOptions = {}): string {
  const sanitizer = createTerminalSanitizer(options);
  return sanitizer.write(text) + sanitizer.end();
}

/**
 * The plain text a terminal would show: every escape sequence (SGR included) and every control
 * character other than `\t \n \r` removed.
 * @example stripAnsi('\u001b[1mbold\u001b[22m') // 'bold'
 */
export function stripAnsi(text: string): string {
  return sanitizeForTerminal(text);
}

/**
 * A sanitizer for streamed output (`pipe-pane`, `%output`), where one sequence may span chunks.
 * @example const s = createTerminalSanitizer({ keepSgr: true }); out.write(s.write(chunk));
 */
export function createTerminalSanitizer(options: SanitizeOptions = {}): TerminalSanitizer {
  const keepSgr = options.keepSgr ?? false;
  const multiline = options.multiline ?? true;
  let state = State.Ground;
  let params = ''; // the current CSI's parameter bytes, kept only while it may still be SGR
  let sgr = false;

  const startCsi = () => {
    state = State.Csi;
    params = '';
    sgr = keepSgr;
  };

  return {
    write(chunk) {
      let out = '';
      let run = 0; // start of the current run of printable text (in Ground)
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        switch (state) {
          case State.Ground: {
            if (!isSpecial(c)) continue;
            out += chunk.slice(run, i);
            run = i + 1;
            if (c === ESC) state = State.Escape;
            else if (c === C1_CSI) startCsi();
            else if (isC1StringStart(c)) state = State.ControlString;
            else if (c === 0x09 || c === 0x0a) out += ' '; // one-line mode
            break;
          }
          case State.Escape: {
            // Two-byte sequences (ESC c reset, ESC 7, ESC M, …) end at once; ESC ESC starts over.
            if (c === 0x5b /* [ */) startCsi();
            else if (isStringIntroducer(c)) state = State.ControlString;
            else if (c >= 0x20 && c <= 0x2f) state = State.EscapeIntermediate;
            else if (c >= 0x30 && c <= 0x7e) state = State.Ground;
            else if (c !== ESC) ({ state, i } = reprocess(i)); // a lone ESC: drop just the ESC
            run = i + 1;
            break;
          }
          case State.EscapeIntermediate: {
            // ESC ( B, ESC # 8, …: intermediates, then one final byte.
            if (c >= 0x30 && c <= 0x7e) state = State.Ground;
            else if (!(c >= 0x20 && c <= 0x2f)) ({ state, i } = reprocess(i));
            run = i + 1;
            break;
          }
          case State.Csi: {
            if (c >= 0x30 && c <= 0x3f) {
              // SGR parameters are digits, `;` and `:`; `<=>?` mark a private CSI.
              if (sgr && c <= 0x3b && params.length < MAX_SGR_PARAMS) {
                params += chunk[i];
              } else sgr = false;
            } else if (c >= 0x20 && c <= 0x2f) {
              sgr = false; // intermediate bytes: not SGR
            } else if (c >= 0x40 && c <= 0x7e) {
              if (sgr && c === 0x6d /* m */) out += `\u001b[${params}m`;
              state = State.Ground;
            } else {
              // Anything else aborts the sequence, and is then read as ordinary input.
              ({ state, i } = reprocess(i));
            }
            run = i + 1;
            break;
          }
          case State.ControlString: {
            if (c === BEL || c === C1_ST) state = State.Ground;
            else if (c === ESC) state = State.ControlStringEscape;
            run = i + 1;
            break;
          }
          case State.ControlStringEscape: {
            // ESC \ is ST; any other ESC ends the string and starts a new sequence, as in xterm.
            if (c === 0x5c /* \ */) state = State.Ground;
            else ({ state, i } = reprocess(i, State.Escape));
            run = i + 1;
            break;
          }
        }
      }
      if (state === State.Ground) out += chunk.slice(run);
      return out;
    },
    end() {
      state = State.Ground;
      params = '';
      return '';
    },
  };

  // Whether code unit `c`, read in Ground, is anything but text to print as is.
  function isSpecial(c: number): boolean {
    if (c < 0x20) return !(multiline && (c === 0x09 || c === 0x0a || c === 0x0d));
    if (c < 0x7f) return false;
    if (c <= 0x9f) return true; // DEL and C1 controls
    return isBidiControl(c);
  }
}

// Re-read code unit `i` in `state` (the loop's `i++` comes back to it).
function reprocess(i: number, state = State.Ground): { state: State; i: number } {
  return { state, i: i - 1 };
}

// ESC P (DCS), ESC X (SOS), ESC ] (OSC), ESC ^ (PM), ESC _ (APC).
function isStringIntroducer(c: number): boolean {
  return c === 0x50 || c === 0x58 || c === 0x5d || c === 0x5e || c === 0x5f;
}

// Their 8-bit forms: DCS, SOS, OSC, PM, APC.
function isC1StringStart(c: number): boolean {
  return c === 0x90 || c === 0x98 || c === 0x9d || c === 0x9e || c === 0x9f;
}

// The Trojan Source set (CVE-2021-42574): embeddings, overrides, isolates, and the LRM/RLM/ALM marks.
function isBidiControl(c: number): boolean {
  return (
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c
  );
}
