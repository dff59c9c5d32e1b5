// The user's shell, the one-liners that set up shell integration and completions, and how `doctor`
// tells whether they are installed.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { completionMarker } from './completion/script.js';
import { SHELLS, type Shell } from './completion/spec.js';

type Env = Record<string, string | undefined>;

/**
 * The shell named by `$SHELL` when it is one plum writes scripts for; else null.
 * @example detectShell({ SHELL: '/usr/bin/zsh' }) // 'zsh'
 */
export function detectShell(env: Env): Shell | null {
  const name = env.SHELL ? basename(env.SHELL) : '';
  return (SHELLS as readonly string[]).includes(name) ? (name as Shell) : null;
}

/**
 * The file a shell reads at start-up, as a user would write it.
 * @example rcFile('fish') // '~/.config/fish/config.fish'
 */
export function rcFile(shell: Shell): string {
  return { bash: '~/.bashrc', zsh: '~/.zshrc', fish: '~/.config/fish/config.fish' }[shell];
}

/**
 * The line that loads `<bin> <subcommand> <shell>`'s output in the shell's rc file.
 * @example setupLine('plum', 'shell-init', 'bash') // 'eval "$(plum shell-init bash)"'
 */
export function setupLine(bin: string, subcommand: string, shell: Shell): string {
  return shell === 'fish'
    ? `${bin} ${subcommand} fish | source`
    : `eval "$(${bin} ${subcommand} ${shell})"`;
}

/**
 * Where a shell finds `bin`'s completion without being told (the user's and the system's
 * directories), absolute paths.
 * @example completionFiles('plum', 'fish', process.env)[0] // '/home/me/.config/fish/completions/plum.fish'
 */
export function completionFiles(bin: string, shell: Shell, env: Env): string[] {
  const home = env.HOME || homedir();
  const xdg = (name: string, fallback: string) => {
    const value = env[name];
    return value && isAbsolute(value) ? value : join(home, fallback);
  };
  const data = xdg('XDG_DATA_HOME', '.local/share');
  const config = xdg('XDG_CONFIG_HOME', '.config');
  switch (shell) {
    case 'bash':
      return [
        join(env.BASH_COMPLETION_USER_DIR || join(data, 'bash-completion'), 'completions', bin),
        join('/usr/local/share/bash-completion/completions', bin),
        join('/usr/share/bash-completion/completions', bin),
        join('/opt/homebrew/etc/bash_completion.d', bin),
        join('/etc/bash_completion.d', bin),
      ];
    case 'zsh':
      return [
        ...(env.FPATH ?? '')
          .split(':')
          .filter((dir) => isAbsolute(dir))
          .map((dir) => join(dir, `_${bin}`)),
        join(home, '.zsh/completions', `_${bin}`),
        join('/usr/local/share/zsh/site-functions', `_${bin}`),
        join('/opt/homebrew/share/zsh/site-functions', `_${bin}`),
        join('/usr/share/zsh/site-functions', `_${bin}`),
        join('/usr/share/zsh/vendor-completions', `_${bin}`),
      ];
    case 'fish':
      return [
        join(config, 'fish/completions', `${bin}.fish`),
        join(data, 'fish/vendor_completions.d', `${bin}.fish`),
        join('/usr/local/share/fish/vendor_completions.d', `${bin}.fish`),
        join('/usr/share/fish/vendor_completions.d', `${bin}.fish`),
      ];
  }
}

export interface SetupState {
  /** The user's shell (from $SHELL); null when plum has no scripts for it. */
  shell: Shell | null;
  installed: boolean;
  /** How it was found: the variable the script exports, or the completion file. */
  evidence: string | null;
}

/**
 * Whether `bin`'s completion is set up for the user's shell: the completion script, once loaded,
 * exports `<BIN>_COMPLETION`; a script saved where the shell autoloads it is found by its file.
 * @example completionState('plum', process.env) // { shell: 'zsh', installed: false, evidence: null }
 */
export function completionState(bin: string, env: Env): SetupState {
  const marker = completionMarker(bin);
  const shell = detectShell(env);
  if (env[marker]) return { shell, installed: true, evidence: `${marker}=${env[marker]}` };
  if (shell === null) return { shell, installed: false, evidence: null };
  const file = completionFiles(bin, shell, env).find((path) => existsSync(path));
  return { shell, installed: file !== undefined, evidence: file ?? null };
}

/**
 * How to set up `bin`'s completion for `shell` (from `$SHELL`; null: not one we write scripts for),
 * as `doctor`'s fix line says it.
 * @example completionSetupHint('pots', 'zsh') // 'add eval "$(pots completion zsh)" to ~/.zshrc (after compinit)'
 */
export function completionSetupHint(bin: string, shell: Shell | null): string {
  if (shell === 'fish') return `${bin} completion fish > ~/.config/fish/completions/${bin}.fish`;
  if (shell === null) {
    return `load the output of ${bin} completion ${SHELLS.join('|')} in your shell's start-up file`;
  }
  return `add ${setupLine(bin, 'completion', shell)} to ${rcFile(shell)}${shell === 'zsh' ? ' (after compinit)' : ''}`;
}
