// `plum doctor`: is everything plum needs in place? Each check says ok/warn/fail and how to fix it.
import { randomBytes } from 'node:crypto';
import { access, constants, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertGitVersion,
  completionSetupHint,
  completionState,
  createPluginHost,
  detectShell,
  gitVersion,
  isPlumError,
  MIN_GIT_VERSION,
  rcFile,
  setupLine,
  SHELLS,
  type Check,
  type CheckStatus,
  type ConfigError,
  messageOf,
} from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { openRepo, type OpenOptions, type PlumContext } from './context.js';
import { SHELL_INTEGRATION_VAR } from './shell-init.js';
import { plumStateDir, trustStatus } from './trust.js';

export type { CheckStatus };

/** One check. Stable ids: `git`, `repo`, `config`, `config-files`, `trust`, `plugin:<entry>`,
 *  `state-dir`, `shell-integration`, `completions`. */
export type DoctorCheck = Check;

export interface DoctorReport {
  /** No check failed (warnings allowed). */
  ok: boolean;
  checks: DoctorCheck[];
}

/**
 * Runs every check: git found and new enough, inside a repository, config valid, config files,
 * trust state, each plugin loadable, state dir writable, shell integration and completions loaded
 * in the user's shell (warnings: plum works without them). Never throws for a failed check; it is
 * in the report. Runs no untrusted code: a repository's plugins are only imported once trusted.
 * @example const { ok, checks } = await runDoctor({ cwd: '/src/shop' });
 */
export async function runDoctor(options: OpenOptions = {}): Promise<DoctorReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const checks: DoctorCheck[] = [];

  const gitOk = await checkGit(checks);

  let ctx: PlumContext | null = null;
  if (gitOk) {
    try {
      ctx = await openRepo(options);
      checks.push({
        id: 'repo',
        status: 'ok',
        message: `repository ${ctx.repo.projectRoot}${ctx.repo.isBare ? ' (bare)' : ''}`,
      });
    } catch (error) {
      checks.push({
        id: 'repo',
        status: 'warn',
        message:
          isPlumError(error) && error.code === 'ERR_NOT_A_REPO'
            ? `not inside a git repository: ${cwd}`
            : messageOf(error),
        fix: 'run plum inside a repository, or pass -C <dir>',
      });
    }
  } else {
    checks.push({ id: 'repo', status: 'warn', message: 'not checked: git is not usable' });
  }

  const resolved = await checkConfig(checks, ctx, cwd, env, options.flags);
  if (resolved) {
    checkConfigFiles(checks, resolved);
    const trusted = await checkTrust(checks, ctx);
    await checkPlugins(checks, resolved, cwd, trusted);
  }
  await checkStateDir(checks, env);
  checkShellIntegration(checks, env);
  checkCompletions(checks, env);

  return { ok: checks.every((check) => check.status !== 'fail'), checks };
}

async function checkGit(checks: DoctorCheck[]): Promise<boolean> {
  const min = MIN_GIT_VERSION.replace(/\.0$/, '');
  try {
    const version = await assertGitVersion(await gitVersion());
    checks.push({ id: 'git', status: 'ok', message: `${version.raw} (>= ${min} needed)` });
    return true;
  } catch (error) {
    const tooOld = isPlumError(error) && error.code === 'ERR_GIT_TOO_OLD';
    checks.push({
      id: 'git',
      status: 'fail',
      message: tooOld ? messageOf(error) : `git not usable: ${messageOf(error)}`,
      fix: `install git >= ${min} and put it on PATH`,
    });
    return false;
  }
}

async function checkConfig(
  checks: DoctorCheck[],
  ctx: PlumContext | null,
  cwd: string,
  env: NodeJS.ProcessEnv,
  flags: Record<string, unknown> | undefined,
): Promise<ResolvedConfig | null> {
  try {
    const resolved = ctx
      ? await ctx.config()
      : await import('@plumpots/core/config').then(({ loadConfig }) =>
          loadConfig({ cwd, env, ...(flags ? { flags } : {}) }),
        );
    checks.push({ id: 'config', status: 'ok', message: 'config is valid' });
    return resolved;
  } catch (error) {
    const config =
      isPlumError(error) && error.code === 'ERR_CONFIG_INVALID' ? (error as ConfigError) : null;
    const where = config?.file
      ? `fix ${config.keyPath ? `${config.keyPath} in ` : ''}${config.file}`
      : 'fix the config';
    checks.push({
      id: 'config',
      status: 'fail',
      message: messageOf(error),
      fix: isPlumError(error) && error.hint ? error.hint : where,
    });
    return null;
  }
}

function checkConfigFiles(checks: DoctorCheck[], resolved: ResolvedConfig): void {
  const { user, repo } = resolved.files;
  const parts = [
    `user: ${user ?? 'none'}`,
    `repo: ${repo ?? resolved.codeFile ?? 'none'}`,
    ...resolved.notes,
  ];
  checks.push({
    id: 'config-files',
    status: 'ok',
    message:
      user === null && repo === null && resolved.codeFile === null
        ? 'no config files: using the defaults'
        : parts.join('; '),
  });
}

async function checkTrust(checks: DoctorCheck[], ctx: PlumContext | null): Promise<boolean> {
  if (!ctx) {
    checks.push({ id: 'trust', status: 'ok', message: 'no repository: nothing to trust' });
    return true;
  }
  const status = await trustStatus(ctx);
  if (!status.needed) {
    checks.push({ id: 'trust', status: 'ok', message: "the repository's config runs no commands" });
  } else if (status.trusted) {
    checks.push({
      id: 'trust',
      status: 'ok',
      message: `approved: ${status.file ?? 'repository config'} (${status.commands.length} commands)`,
    });
  } else {
    checks.push({
      id: 'trust',
      status: 'warn',
      message: `not approved: ${status.file ?? 'repository config'} would run ${status.details.length} command(s); plum runs none of them until approved`,
      fix: 'review them, then run: plum trust',
    });
  }
  return status.trusted;
}

async function checkPlugins(
  checks: DoctorCheck[],
  resolved: ResolvedConfig,
  cwd: string,
  repoTrusted: boolean,
): Promise<void> {
  const origin = resolved.origins.get('plugins');
  const configDir = origin?.file ? dirname(origin.file) : cwd;
  const from = { configDir, selfFile: fileURLToPath(import.meta.url) };
  for (const entry of resolved.config.plugins) {
    const id = `plugin:${entry}`;
    if (origin?.source === 'repo' && !repoTrusted) {
      checks.push({
        id,
        status: 'warn',
        message: `plugin ${entry}: not loaded, the repository's config is not trusted`,
        fix: 'review it, then run: plum trust',
      });
      continue;
    }
    try {
      // One host per entry, so a failing plugin is reported without hiding the others.
      const [plugin] = await createPluginHost([], [entry], from).load();
      checks.push({
        id,
        status: 'ok',
        message: `plugin ${entry} loaded (${plugin?.name ?? entry})`,
      });
    } catch (error) {
      const message = messageOf(error);
      checks.push({
        id,
        status: 'fail',
        message: message.includes(entry) ? message : `plugin ${entry}: ${message}`,
        fix:
          (isPlumError(error) ? error.hint : undefined) ??
          `${isPathEntry(entry) ? 'fix the path' : `install ${entry}`}, or remove it from "plugins" in ${origin?.file ?? 'your config'}`,
      });
    }
  }
}

async function checkStateDir(checks: DoctorCheck[], env: NodeJS.ProcessEnv): Promise<void> {
  const dir = plumStateDir(env);
  const fix = `make ${dir} writable, or set XDG_STATE_HOME to a writable directory`;
  try {
    const existing = await nearestExisting(dir);
    if (existing === dir) {
      const probe = `${dir}/.doctor-${process.pid}-${randomBytes(4).toString('hex')}`;
      await writeFile(probe, '', { flag: 'wx' });
      await rm(probe, { force: true });
      checks.push({ id: 'state-dir', status: 'ok', message: `${dir} is writable` });
    } else {
      await access(existing, constants.W_OK | constants.X_OK);
      checks.push({ id: 'state-dir', status: 'ok', message: `${dir} will be created when needed` });
    }
  } catch (error) {
    checks.push({ id: 'state-dir', status: 'fail', message: `${dir}: ${messageOf(error)}`, fix });
  }
}

function checkShellIntegration(checks: DoctorCheck[], env: NodeJS.ProcessEnv): void {
  const loaded = env[SHELL_INTEGRATION_VAR];
  if (loaded) {
    checks.push({
      id: 'shell-integration',
      status: 'ok',
      message: `loaded (${loaded}): plum cd and plum create --cd change the directory`,
    });
    return;
  }
  const shell = detectShell(env);
  checks.push({
    id: 'shell-integration',
    status: 'warn',
    message: 'not loaded in this shell: plum cd and plum create --cd only print the path',
    fix: shell
      ? `add ${setupLine('plum', 'shell-init', shell)} to ${rcFile(shell)}, then open a new shell`
      : `load the output of plum shell-init ${SHELLS.join('|')} in your shell's start-up file`,
  });
}

function checkCompletions(checks: DoctorCheck[], env: NodeJS.ProcessEnv): void {
  const state = completionState('plum', env);
  if (state.installed) {
    checks.push({ id: 'completions', status: 'ok', message: `installed (${state.evidence})` });
    return;
  }
  checks.push({
    id: 'completions',
    status: 'warn',
    message: 'not installed: TAB does not complete plum commands, worktrees and branches',
    fix: completionSetupHint('plum', state.shell),
  });
}

async function nearestExisting(path: string): Promise<string> {
  for (let dir = path; ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info) {
      if (!info.isDirectory()) throw new Error(`${dir} is not a directory`);
      return dir;
    }
    if (dirname(dir) === dir) return dir;
  }
}

function isPathEntry(entry: string): boolean {
  return entry.startsWith('.') || isAbsolute(entry);
}
