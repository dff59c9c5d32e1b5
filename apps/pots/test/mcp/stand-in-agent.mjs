// A stand-in for a coding agent in a pane: prints a prompt, reads what is typed (a paste arrives
// as several lines, then Enter), answers once the input goes quiet, and shows its prompt again.
// It ignores nothing: SIGTERM ends it (agent_stop).
import { createInterface } from 'node:readline';

const prompt = () => process.stdout.write('> ');
let lines = [];
let timer;
process.stdout.write('stand-in agent ready\n');
prompt();
createInterface({ input: process.stdin }).on('line', (line) => {
  lines.push(line);
  clearTimeout(timer);
  // A paste's lines arrive together: answer once nothing more came for a moment.
  timer = setTimeout(() => {
    process.stdout.write(`working on ${lines.length} lines\n`);
    for (const l of lines) process.stdout.write(`read: ${l}\n`);
    process.stdout.write(`answered ${lines.length} lines\n`);
    lines = [];
    prompt();
  }, 200);
});
