// Config hooks (`hooks.postCreate`): user-written shell commands run in a worktree. Values reach
// them ONLY as environment variables; nothing is ever spliced into the command string, so a branch
// named `feat#(touch${IFS}x)` stays a string.
import { execa } from 'execa';
import { GIT_PATH_VARS, InterruptedError, PlumError, scrubEnv } from '@plumpots/core';
import { sanitizeForTerminal } from '@plumpots/core/ui';
import type { PlumContext } from './context.js';

/** What a hook learns about the worktree, as `PLUM_*` environment variables. */
export interface HookVars {
  /** `PLUM_WORKTREE_PATH` */
  path: string;
  /** `PLUM_WORKTREE_NAME` */
  name: string;
  /** `PLUM_BRANCH` (empty when detached). */
  branch: string | null;
  /** `PLUM_BASE`: the ref a new branch started from (empty for an existing branch). */
  base?: string | null;
}

export interface RunHooksOptions {
  /** Where the commands run (the worktree). */
  cwd: string;
  vars: HookVars;
  /** Names the hooks in messages and errors. Default `hook`. */
  label?: string;
  /** Where the `<label>: <command>` progress lines go (default ctx.log). */
  log?: (message: string) => void;
}

/** One hook that ran to completion. */
export interface HookRun {
  command: string;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** How many trailing lines of a failed hook's output its error carries. */
export const HOOK_OUTPUT_LINES = 20;

/**
 * Runs each command with `/bin/sh -c` in `cwd`, one after the other, with ctx.env (without git's
 * path variables) plus `PLUM_WORKTREE_PATH`, `PLUM_WORKTREE_NAME`, `PLUM_BRANCH`, `PLUM_BASE`,
 * `PLUM_REPO` (project root), `PLUM_MAIN_WORKTREE` and `PLUM_PROJECT`. Output is captured. A
 * failing command throws PlumError ERR_PLUM_HOOK_FAILED (exit 1) whose details are the last lines
 * of its output; ctx.signal stops the running command (InterruptedError, exit 130).
 * Trust is the caller's job: call ensureTrusted first when the commands come from the repository.
 * @example await runHooks(ctx, ['pnpm install'], { cwd: wt.path, vars: { path: wt.path, name: wt.name, branch: wt.branch } });
 */
export async function runHooks(
  ctx: Pick<PlumContext, 'repo' | 'env' | 'signal' | 'log'>,
  commands: readonly string[],
  options: RunHooksOptions,
): Promise<HookRun[]> {
  const label = options.label ?? 'hook';
  const env = hookEnv(ctx, options.vars);
  const runs: HookRun[] = [];
  for (const command of commands) {
    if (ctx.signal?.aborted) throw new InterruptedError(`interrupted before ${label}: ${command}`);
    (options.log ?? ctx.log)(`${label}: ${command}`);
    const result = await execa('/bin/sh', ['-c', command], {
      cwd: options.cwd,
      env,
      extendEnv: false,
      stdin: 'ignore',
      all: true,
      reject: false,
      stripFinalNewline: false,
      ...(ctx.signal ? { cancelSignal: ctx.signal } : {}),
      forceKillAfterDelay: 5_000,
    });
    const output = typeof result.all === 'string' ? result.all : '';
    if (result.isCanceled || ctx.signal?.aborted) {
      throw new InterruptedError(`${label} interrupted: ${command}`, {
        details: tail(output),
      });
    }
    if (result.failed) {
      const how =
        result.exitCode !== undefined
          ? `exit ${result.exitCode}`
          : (result.signal ?? result.shortMessage);
      throw new PlumError('ERR_PLUM_HOOK_FAILED', `${label} hook failed (${how}): ${command}`, 1, {
        details: tail(output),
        hint: `fix it and run it again in ${options.cwd}`,
      });
    }
    runs.push({ command, output });
  }
  return runs;
}

/** The environment hooks get (exported for tests and for pots, which starts panes the same way). */
export function hookEnv(
  ctx: Pick<PlumContext, 'repo' | 'env'>,
  vars: HookVars,
): Record<string, string> {
  return scrubEnv(ctx.env, GIT_PATH_VARS, {
    set: {
      PLUM_WORKTREE_PATH: vars.path,
      PLUM_WORKTREE_NAME: vars.name,
      PLUM_BRANCH: vars.branch ?? '',
      PLUM_BASE: vars.base ?? '',
      PLUM_REPO: ctx.repo.projectRoot,
      PLUM_MAIN_WORKTREE: ctx.repo.mainWorktree ?? '',
      PLUM_PROJECT: ctx.repo.projectName,
    },
  });
}

// The error is printed on a terminal: strip control sequences from what the hook printed.
function tail(output: string): string[] {
  // A progress bar redraws its line with \r: keep what the terminal would have shown last.
  const lines = sanitizeForTerminal(output)
    .split('\n')
    .map((line) => line.replace(/\r+$/, ''))
    .map((line) => line.slice(line.lastIndexOf('\r') + 1));
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines.slice(-HOOK_OUTPUT_LINES);
}
