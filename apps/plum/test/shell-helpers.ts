// Real shells for the shell-integration, completion and picker tests: a bin directory holding a
// `plum` that runs the built bin, and symlinks to exactly the tools a test allows (so that "fzf is
// not installed" is a fact of PATH, not a flag).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, tempDir } from '@plumpots/test-fixtures';
import { execa } from 'execa';

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
 * A directory with `plum` (a script running `node <built bin>`) and links to `tools`. Use it as
 * the whole PATH to leave everything else out.
 */
export function binDir(tools: readonly string[] = []): string {
  const dir = join(tempDir('pb-').path, 'bin');
  mkdirSync(dir);
  const plum = join(dir, 'plum');
  writeFileSync(plum, `#!/bin/sh\nexec '${process.execPath}' '${binPath('plum')}' "$@"\n`);
  chmodSync(plum, 0o755);
  for (const tool of tools) {
    const found = which(tool);
    if (!found) throw new Error(`${tool} is not installed`);
    symlinkSync(found, join(dir, tool));
  }
  return dir;
}

/** The tools plum and the shell function need: git, and what the function runs. */
export const BASE_TOOLS = ['git', 'mktemp', 'cat', 'rm'] as const;

export type ShellName = 'bash' | 'zsh' | 'fish';

/** `shell` with no start-up files, running `script`. */
export function shellArgv(shell: ShellName, script: string): string[] {
  switch (shell) {
    case 'bash':
      return [which('bash')!, '--noprofile', '--norc', '-c', script];
    case 'zsh':
      return [which('zsh')!, '-f', '-c', script];
    case 'fish':
      return [which('fish')!, '--no-config', '-c', script];
  }
}

/** Runs `script` in a real `shell` with exactly `env`; never throws for a non-zero exit. */
export async function runShell(
  shell: ShellName,
  script: string,
  options: { cwd: string; env: Record<string, string> },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [file, ...args] = shellArgv(shell, script);
  const result = await execa(file!, args, {
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
