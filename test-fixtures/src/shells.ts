// Real shells for the completion, shell-integration and picker tests: a bin directory holding
// `plum` and `pots` scripts that run the built bins, and symlinks to exactly the tools a test
// allows (so that "fzf is not installed" is a fact of PATH, not a flag).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { binPath } from './run-cli.js';
import { tempDir } from './temp.js';

/** The absolute path of `name` on this machine's PATH, or null. */
export function which(name: string): string | null {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' }).trim() || null
    );
  } catch {
    return null;
  }
}

/**
 * A directory with `plum` and `pots` (scripts running `node <built bin>`) and links to `tools`.
 * Use it as the whole PATH to leave everything else out. Inside a test it is removed when the test
 * ends; from beforeAll pass `parent`, a directory the caller removes.
 * @example const path = binDir(['git', 'tmux']); // then PATH=path: pots, plum, git and tmux only
 */
export function binDir(tools: readonly string[] = [], parent?: string): string {
  const dir = join(parent ? mkdtempSync(join(parent, 'pb-')) : tempDir('pb-').path, 'bin');
  mkdirSync(dir);
  for (const bin of ['plum', 'pots'] as const) {
    const file = join(dir, bin);
    writeFileSync(file, `#!/bin/sh\nexec '${process.execPath}' '${binPath(bin)}' "$@"\n`);
    chmodSync(file, 0o755);
  }
  for (const tool of tools) {
    const found = which(tool);
    if (!found) throw new Error(`${tool} is not installed`);
    symlinkSync(found, join(dir, tool));
  }
  return dir;
}

export type ShellName = 'bash' | 'zsh' | 'fish';

/** `shell` with no start-up files, running `script`. */
export function shellArgv(shell: ShellName, script: string): string[] {
  const path = which(shell);
  if (!path) throw new Error(`${shell} is not installed`);
  switch (shell) {
    case 'bash':
      return [path, '--noprofile', '--norc', '-c', script];
    case 'zsh':
      return [path, '-f', '-c', script];
    case 'fish':
      return [path, '--no-config', '-c', script];
  }
}

/**
 * Runs `script` in a real `shell` with exactly `env` (plus `args` as $1…); never throws for a
 * non-zero exit.
 * @example const r = await runShell('bash', 'source "$1"; echo ok', { cwd, env, args: [file] });
 */
export async function runShell(
  shell: ShellName,
  script: string,
  options: { cwd: string; env: Record<string, string>; args?: readonly string[] },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [file, ...argv] = shellArgv(shell, script);
  // bash and zsh take $0 before $1; fish's $argv starts with the first.
  const extra = options.args ?? [];
  const positional = extra.length > 0 && shell !== 'fish' ? [shell, ...extra] : [...extra];
  const result = await execa(file!, [...argv, ...positional], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    timeout: 30_000,
  });
  if (result.timedOut) throw new Error(`${shell} timed out`);
  return {
    exitCode: result.exitCode ?? 1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}
