// A stand-in for a coding agent in a pane: prints a prompt, reads what is typed (a paste arrives
// as several lines, then Enter), answers once the input goes quiet, and shows its prompt again.
// Like an agent whose hooks were installed (Claude Code's UserPromptSubmit and Stop), it reports
// its state with `pots report working|idle` — the pots bin is $STANDIN_POTS. SIGINT or SIGTERM
// end it (agent_stop).
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const report = (state, event) => {
  if (!process.env.STANDIN_POTS) return;
  spawnSync(
    process.execPath,
    [process.env.STANDIN_POTS, 'report', state, '--agent', 'stand-in', '--event', event],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
};
const prompt = () => process.stdout.write('> ');
let lines = [];
let timer;
process.stdout.write('stand-in agent ready\n');
report('idle', 'SessionStart');
prompt();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (lines.length === 0) report('working', 'UserPromptSubmit');
  lines.push(line);
  clearTimeout(timer);
  // A paste's lines arrive together: answer once nothing more came for a moment.
  timer = setTimeout(() => {
    process.stdout.write(`working on ${lines.length} lines\n`);
    for (const l of lines) process.stdout.write(`read: ${l}\n`);
    process.stdout.write(`answered ${lines.length} lines\n`);
    lines = [];
    report('idle', 'Stop');
    prompt();
  }, 200);
});
