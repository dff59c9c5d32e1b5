// `pots doctor`: is everything pots needs in place? tmux and its version, the server, config,
// plum's API, the data dir, completions — each check says ok/warn/fail and how to fix it.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  completionSetupHint,
  completionState,
  isPlumError,
  messageOf,
  type Check,
  type CheckStatus,
} from '@plumpots/core';
import {
  MIN_TMUX_VERSION,
  classifyTmuxStderr,
  hintFor,
  isTmuxVersionAtLeast,
  tmuxSocketPath,
  tmuxVersion,
  type TmuxVersion,
} from '../tmux/index.js';
import { potsDataDir, type PotsContext } from './context.js';

export type { CheckStatus };

/** One check. Stable ids: `tmux`, `server`, `config`, `plum`, `data-dir`, `completions`. */
export type DoctorCheck = Check;

export interface DoctorReport {
  /** No check failed (warnings allowed). */
  ok: boolean;
  /** `tmux -V`'s version, when tmux answered. */
  tmux: string | null;
  /** tmux features pots uses and whether this tmux has them. */
  features: Record<string, boolean>;
  checks: DoctorCheck[];
}

// Feature → the tmux release that brought it.
const FEATURES: Record<string, string> = {
  'new-session -e (pane environment)': '3.2',
  'list filters (-f)': '3.2',
  'multi-argument commands exec without a shell': '3.0',
  'send-keys -K / -c client': '3.4',
  'capture-pane -M': '3.6',
};

/**
 * Runs every check; never throws for a failed one (it is in the report). Completions not loaded
 * in the user's shell (`$SHELL`) is a warning: pots works without them.
 * @example const { ok, checks } = await potsDoctor(openPots());
 */
export async function potsDoctor(pots: PotsContext): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  let version: TmuxVersion | null = null;
  try {
    version = await tmuxVersion(pots.tmux);
    if (isTmuxVersionAtLeast(version, MIN_TMUX_VERSION)) {
      checks.push({ id: 'tmux', status: 'ok', message: version.raw });
    } else {
      checks.push({
        id: 'tmux',
        status: 'fail',
        message: `${version.raw} is too old: pots needs tmux ${MIN_TMUX_VERSION} or newer`,
        fix: 'upgrade tmux: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS)',
      });
    }
  } catch (error) {
    checks.push({
      id: 'tmux',
      status: 'fail',
      message: messageOf(error),
      fix: hintOf(error) ?? `install tmux ${MIN_TMUX_VERSION} or newer`,
    });
  }

  if (version) {
    const socket = tmuxSocketPath(pots.tmux.server, pots.env);
    const result = await pots.tmux.probe(['list-sessions', '-F', '#{session_id}']);
    if (result.exitCode === 0) {
      const count = result.stdout.split('\n').filter(Boolean).length;
      checks.push({
        id: 'server',
        status: 'ok',
        message: `running at ${socket} with ${count} session${count === 1 ? '' : 's'}`,
      });
    } else {
      const said = result.stderr.trim().split('\n')[0] ?? '';
      const kind = classifyTmuxStderr(result.stderr);
      const fix = hintFor(kind, result.stderr, pots.env);
      checks.push(
        kind === 'no-server'
          ? {
              id: 'server',
              status: 'ok',
              message: `not running at ${socket} (the first session starts it)`,
            }
          : {
              id: 'server',
              status: 'fail',
              message: `cannot reach the tmux server at ${socket}: ${said}`,
              ...(fix ? { fix } : {}),
            },
      );
    }
  }

  try {
    const settings = await pots.settings();
    checks.push({
      id: 'config',
      status: 'ok',
      message: `mode ${settings.mode}${settings.mode === 'window' ? ` (session "${settings.session}")` : ''}, prefix ${JSON.stringify(settings.prefix)}, default task ${JSON.stringify(settings.defaultTask)}, autoStart ${String(settings.autoStart)}`,
    });
  } catch (error) {
    checks.push({
      id: 'config',
      status: 'fail',
      message: messageOf(error),
      fix:
        hintOf(error) ??
        'fix the file and key named above (plum config --origin shows where values come from)',
    });
  }

  try {
    const plum = await pots.tryRepo();
    checks.push(
      plum
        ? { id: 'plum', status: 'ok', message: `plum API: repository ${plum.repo.projectRoot}` }
        : {
            id: 'plum',
            status: 'warn',
            message: `plum API: ${pots.cwd} is not inside a git repository`,
            fix: 'create and open need a worktree: run pots inside a repository, or pass -C <dir>',
          },
    );
  } catch (error) {
    checks.push({
      id: 'plum',
      status: 'fail',
      message: `plum API: ${messageOf(error)}`,
      ...fixOf(error),
    });
  }

  const dataDir = potsDataDir(pots.env);
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = join(dataDir, `.doctor-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
    checks.push({ id: 'data-dir', status: 'ok', message: `${dataDir} is writable` });
  } catch (error) {
    checks.push({
      id: 'data-dir',
      status: 'fail',
      message: `${dataDir} is not writable: ${messageOf(error)}`,
      fix: 'set POTS_DATA_DIR to a directory you own',
    });
  }

  checks.push(completionCheck(pots.env));

  const features: Record<string, boolean> = {};
  for (const [feature, since] of Object.entries(FEATURES)) {
    features[feature] = version !== null && isTmuxVersionAtLeast(version, since);
  }
  return {
    ok: checks.every((check) => check.status !== 'fail'),
    tmux: version?.raw ?? null,
    features,
    checks,
  };
}

// The script exports POTS_COMPLETION once loaded; a script saved where the shell autoloads it is
// found by its file (core's completionState, as plum's doctor does).
function completionCheck(env: NodeJS.ProcessEnv): DoctorCheck {
  const state = completionState('pots', env);
  if (state.installed) {
    return { id: 'completions', status: 'ok', message: `installed (${state.evidence})` };
  }
  return {
    id: 'completions',
    status: 'warn',
    message: 'not installed: TAB does not complete pots commands, sessions, panes and templates',
    fix: completionSetupHint('pots', state.shell),
  };
}

function hintOf(error: unknown): string | undefined {
  return isPlumError(error) ? error.hint : undefined;
}

function fixOf(error: unknown): { fix?: string } {
  const hint = hintOf(error);
  return hint ? { fix: hint } : {};
}
