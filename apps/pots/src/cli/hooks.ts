// `pots hooks install <agent> [--worktree w] [--print] [--uninstall]`: make an agent call
// `pots report` on its events, merged into its own config without losing the user's hooks.
import type { Command } from 'commander';
import { installHooks } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';

interface HooksFlags {
  worktree?: string;
  print?: boolean;
  uninstall?: boolean;
  pots?: string;
  json?: boolean;
}

export function registerHooks(program: Command): void {
  const hooks = program
    .command('hooks')
    .description(
      'install the agent hooks that report states to pots (claude, codex, gemini, aider)',
    )
    .addHelpText(
      'after',
      `
Examples:
  pots hooks install claude
  pots hooks install codex --print

pots hooks install --help says what each agent gets.`,
    );
  withGlobals(
    hooks
      .command('install')
      .description(
        "make an agent report its states to pots: writes its hook config, keeping the user's own",
      )
      .argument('<agent>', 'claude | codex | gemini | aider')
      .option(
        '--worktree <worktree>',
        'the worktree whose settings get the hooks (default: the current one)',
      )
      .option('--print', 'print the file as it would be, write nothing')
      .option('--uninstall', "take pots's entries out (and only those)")
      .option('--pots <command>', 'how the hooks call pots (default: pots, found on PATH)')
      .option('--json', 'print JSON: { agent, file, before, after, events, changed, excluded }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots hooks install claude                      .claude/settings.local.json of this worktree
  pots hooks install gemini --worktree feat-x    .gemini/settings.json of feat-x
  pots hooks install codex --print               notify = [...] for $CODEX_HOME/config.toml
  pots hooks install claude --uninstall

Claude Code: SessionStart → idle, UserPromptSubmit → working, PostToolUse → working,
Notification (permission_prompt, elicitation_dialog) → waiting, Notification (idle_prompt) → idle,
Stop → idle, SessionEnd → exited. Gemini CLI: BeforeAgent/AfterTool → working, Notification →
waiting, AfterAgent → idle, SessionEnd → exited. Codex: notify (agent-turn-complete) → idle — it
is user-wide, in $CODEX_HOME/config.toml (default ~/.codex). aider: notifications-command → idle.
A new settings file in a worktree is added to the repository's info/exclude.
Exit codes: 0 · 2 unknown agent · 3 no such worktree · 4 the file is not valid JSON, or Codex's
notify / aider's notifications-command is already your own program (pots does not replace it).`,
    )
    .action(async (agent: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<HooksFlags>();
      const result = await installHooks(pots, agent, {
        ...(flags.worktree === undefined ? {} : { worktree: flags.worktree }),
        ...(flags.uninstall ? { uninstall: true } : {}),
        ...(flags.print ? { dryRun: true } : {}),
        ...(flags.pots === undefined ? {} : { pots: flags.pots }),
      });
      if (ui.mode.json) return ui.json(result);
      if (flags.print) {
        ui.info(`${result.file}${result.after === null ? ': would be deleted' : ':'}`);
        if (result.after !== null) ui.printRaw(result.after);
        return;
      }
      const what = flags.uninstall ? 'removed pots hooks from' : 'installed pots hooks in';
      ui.info(result.changed ? `${what} ${result.file}` : `${result.file}: already up to date`);
      if (result.excluded) ui.info(`added ${result.excluded} to the repository's info/exclude`);
    });
}
