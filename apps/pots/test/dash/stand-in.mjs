// A stand-in agent for the dashboard tests, drawing screens like an agent TUI's: a prompt line
// when idle, "esc to interrupt" while working, a numbered permission menu when it needs the user.
// It enables bracketed paste and reads raw keys, as agent TUIs do, and appends what it receives
// to a record file (one JSON line each): prompts, C-c, answers.
//   node stand-in.mjs <name> <record-file> [pots-bin]
// Prompts: `wait` shows the permission menu (y/n answer it); `exit N` exits with N; `work` shows
// the working line; anything else is recorded and answered with one line. With the pots bin, it
// reports its states as an agent's hooks do (`pots report`, the pane from $TMUX_PANE).
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const [name = 'agent', record = '/dev/null', potsBin] = process.argv.slice(2);
const report = (state) => {
  if (!potsBin) return;
  try {
    const said = execFileSync(process.execPath, [potsBin, 'report', state], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (process.env.STAND_IN_DEBUG) note({ event: 'reported', state, said });
  } catch (error) {
    note({ event: 'report-failed', state, error: String(error.stderr ?? error) });
  }
};
const note = (entry) => appendFileSync(record, `${JSON.stringify({ name, ...entry })}\n`);
const draw = (lines) => process.stdout.write(`\u001b[2J\u001b[H${lines.join('\r\n')}`);
const idle = (said = '') =>
  draw([`\u001b[1m${name}\u001b[0m stand-in`, said, '', '\u001b[36m>\u001b[0m ']);

let waiting = false;
let pasting = false;
let buffer = '';

process.stdin.setRawMode?.(true);
process.stdout.write('\u001b[?2004h');
note({ event: 'started' });
idle();

process.stdin.on('data', (chunk) => {
  let text = chunk.toString('utf8');
  while (text.length > 0) {
    if (text.startsWith('\u001b[200~')) {
      pasting = true;
      text = text.slice(6);
      continue;
    }
    if (text.startsWith('\u001b[201~')) {
      pasting = false;
      text = text.slice(6);
      continue;
    }
    const c = text[0];
    text = text.slice(1);
    if (pasting) {
      buffer += c === '\r' ? '\n' : c;
    } else if (c === '\u0003') {
      note({ event: 'C-c' });
      buffer = '';
      idle('interrupted');
    } else if (waiting && (c === 'y' || c === 'n')) {
      waiting = false;
      note({ event: 'answer', answer: c });
      idle(c === 'y' ? 'approved' : 'denied');
      report('idle');
    } else if (c === '\r' || c === '\n') {
      submit(buffer);
      buffer = '';
    } else {
      buffer += c;
    }
  }
});

function submit(prompt) {
  note({ event: 'prompt', prompt });
  const exit = /^exit (\d+)$/.exec(prompt);
  if (exit) process.exit(Number(exit[1]));
  if (prompt === 'wait') {
    waiting = true;
    draw([
      `${name} wants to run: rm -rf build`,
      'Do you want to proceed?',
      '\u276f 1. Yes',
      '  2. No',
    ]);
    report('waiting');
  } else if (prompt === 'work') {
    draw([`\u001b[32m\u2733 Working\u2026\u001b[0m (esc to interrupt)`]);
  } else {
    idle(`got ${prompt.split('\n').length} line(s)`);
  }
}
