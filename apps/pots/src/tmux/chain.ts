// Several tmux commands in ONE invocation: `a ; b ; c` as separate argv elements. tmux runs them in
// order on the server and stops at the first that fails.
import { tmuxArg } from './escape.js';

/**
 * Joins commands with a standalone `;` element, protecting every argument that ends in `;`
 * (`tmuxArg`). Pass raw (not yet tmuxArg'd) arguments.
 * @example chain([['new-session', '-d', '-s', 'a'], ['set-option', '-t', '=a:', '@x', '1']])
 *   // ['new-session', '-d', '-s', 'a', ';', 'set-option', '-t', '=a:', '@x', '1']
 */
export function chain(commands: ReadonlyArray<readonly string[]>): string[] {
  const argv: string[] = [];
  for (const command of commands) {
    if (command.length === 0) throw new Error('chain: empty tmux command');
    if (argv.length > 0) argv.push(';');
    for (const arg of command) argv.push(tmuxArg(arg));
  }
  return argv;
}
