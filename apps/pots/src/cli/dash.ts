// `pots dash [--all] [--popup]`: one live screen for every worktree and agent. The screen (ink and
// React) is a separate build (dist/dash/dash.js) imported only here, once the terminal checks
// pass: no other command loads it, nor shares a chunk with it.
import type { Command } from 'commander';
import { UsageError } from '@plumpots/core';
import { openPopup } from '../api/popup.js';
import type { runDash as RunDash } from '../dash/run.js';
import { commandEnv, withGlobals } from './shared.js';

const USAGE = 'usage: pots dash [--all] [--popup]   (for scripts: pots ps --json)';

interface DashFlags {
  all?: boolean;
  popup?: boolean;
}

export function registerDash(program: Command): void {
  withGlobals(
    program
      .command('dash')
      .description('one live screen for every worktree and agent: states, output, and keys to act')
      .option('--all', 'every repository with sessions on the tmux server, not only this one')
      .option('--popup', 'open in a tmux popup (display-popup) of your client; Enter closes it'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots dash                   # this repository's worktrees, sessions and agents
  pots dash --all             # every repository with sessions on the tmux server
  pots dash --popup           # inside tmux: the same in a popup over your current window

Keys: Enter go to the pane · j/k ↑/↓ Tab move · / filter · s send · y/n answer a waiting
agent · i interrupt (C-c) · x stop · K kill pane · n new worktree + agent · r remove worktree ·
l follow log · ? all keys · q quit. The full list: docs/dash.md.

In tmux.conf, a key for the popup:
  bind-key D run-shell "pots dash --popup"

Needs a terminal (exit 2 without one); for scripts use pots ps --json.`,
    )
    .action(async (flags: DashFlags, command: Command) => {
      const { ui, pots, options } = commandEnv(command);
      if (flags.popup) {
        const argv = [process.execPath, process.argv[1] ?? 'pots', 'dash'];
        if (options.socketPath) argv.push('-S', options.socketPath);
        else if (options.socketName) argv.push('-L', options.socketName);
        if (flags.all) argv.push('--all');
        if (options.color === false) argv.push('--no-color');
        if (options.C) argv.push('-C', options.C);
        await openPopup(pots, argv);
        return;
      }
      if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
        throw new UsageError(`pots dash needs a terminal. ${USAGE}`, {
          hint: 'pots ps --json lists the same panes and states for scripts',
        });
      }
      // A path, not a module name: the bundler leaves it to be resolved next to the bin.
      const screen = './dash/dash.js';
      const { runDash } = await importInteractive(screen);
      await runDash({
        cwd: pots.cwd,
        env: pots.env,
        server: pots.tmux.server,
        ...(options.mode ? { mode: options.mode } : {}),
        all: flags.all === true,
        color: ui.colors.stdout.isColorSupported,
      });
    });
}

/**
 * Imports the screen with CI markers removed: ink decides once, when it loads, that a `CI` variable
 * means "draw only the last frame", which would leave a blank dashboard on a real terminal (both
 * ends were just checked to be TTYs), and its colour library that any `CI` at all (even `false`)
 * means no colour. The variables are restored at once, so commands the dashboard runs later see
 * the user's environment unchanged.
 */
async function importInteractive(path: string): Promise<{ runDash: typeof RunDash }> {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  for (const key of Object.keys(saved)) delete process.env[key];
  try {
    return (await import(path)) as { runDash: typeof RunDash };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
