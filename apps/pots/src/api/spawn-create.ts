// From a branch name to running agents: worktrees made by plum's library (its copy, hooks and
// trust, as `plum create` does), each one's unit, and the agent in it. One path for
// `pots spawn --create`, the dashboard's `n` and the MCP agent_spawn tool's `create`.
import {
  PlumError,
  RefusedError,
  UsageError,
  isPlumError,
  localBranchExists,
  messageOf,
} from '@plumpots/core';
import {
  AfterCreateError,
  createWorktree,
  listWorktrees,
  type CreateOptions,
  type CreateResult,
} from '@plumpots/plum';
import { knownAgent, spawn, type SpawnOptions, type SpawnResult } from './agents.js';
import type { PotsContext } from './context.js';

export interface SpawnCreateOptions extends Omit<SpawnOptions, 'worktree'> {
  /** The new branch (with `count`: the stem of `<branch>-1 … <branch>-N`). */
  branch: string;
  /** Make this many worktrees, `<branch>-1` … `<branch>-N`, one agent each. */
  count?: number;
  /** Start point of the new branches (default: config `worktrees.base`, the remote's default). */
  base?: string;
  /** Copy config `worktrees.copy` files (default true). */
  copy?: boolean;
  /** Run config `hooks.postCreate` (default true). */
  postCreate?: boolean;
  /**
   * A branch that already exists (without a worktree): `refuse` (default) is RefusedError (exit 4)
   * before anything is made; `checkout` makes a worktree for it, as `plum create` does.
   */
  existingBranch?: 'refuse' | 'checkout';
  /** Asks the user to trust the repository's commands; without it an untrusted repository fails closed. */
  confirm?: CreateOptions['confirm'];
  /** Passed to plum's trust check (it never approves a repository's commands). */
  yes?: boolean;
}

/** A spawned pane and the worktree plum created for it. */
export interface SpawnCreateResult extends SpawnResult {
  worktreeCreated: CreateResult;
}

/**
 * A failure after some worktrees (and agents) were made: they are kept, and named here. It keeps
 * the failure's code and exit code.
 */
export class SpawnCreateError extends PlumError {
  constructor(
    /** The agents started before the failure, each with its worktree. */
    readonly done: readonly SpawnCreateResult[],
    /** Every worktree this run created (kept), including one whose agent did not start. */
    readonly created: readonly string[],
    failure: unknown,
  ) {
    const inner = isPlumError(failure)
      ? failure
      : new PlumError('ERR_POTS_SPAWN_CREATE', messageOf(failure), 1, { cause: failure });
    super(
      inner.code,
      `${inner.message}; kept what was made: ${created.length} worktree${created.length === 1 ? '' : 's'}`,
      inner.exitCode,
      {
        details: [
          ...created.map((path) => {
            const pane = done.find((d) => d.worktreeCreated.worktree.path === path);
            return pane ? `created ${path} with ${pane.name} in ${pane.id}` : `created ${path}`;
          }),
          ...inner.details,
        ],
        hint: inner.hint,
        cause: failure,
      },
    );
  }
}

/**
 * The branches `spawnCreate` makes: `branch`, or with `count` `<branch>-1` … `<branch>-N`.
 * @example spawnCreateBranches('feat/x', 3) // ['feat/x-1', 'feat/x-2', 'feat/x-3']
 */
export function spawnCreateBranches(branch: string, count?: number): string[] {
  const stem = branch.trim();
  if (stem === '') throw new UsageError('a branch name is needed');
  if (count === undefined) return [stem];
  if (!Number.isInteger(count) || count < 1) {
    throw new UsageError(`--count must be a whole number of 1 or more, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}`);
}

/**
 * Creates a worktree for a new branch (or `count` of them, `<branch>-1..N`) through plum — its
 * copy, postCreate hooks and trust, as `plum create` does — then each one's unit and the agent in
 * it (as `spawn`, with `agent` its hooks first). Before anything is made: a branch that has a
 * worktree, or (unless `existingBranch: 'checkout'`) exists at all, is RefusedError (exit 4)
 * naming them. A failure later keeps what was made and throws SpawnCreateError naming it.
 * @example const panes = await spawnCreate(pots, { branch: 'try', count: 3, agent: 'claude', command: [] });
 *   panes.map((p) => p.id) // ['%4', '%7', '%10']
 */
export async function spawnCreate(
  pots: PotsContext,
  options: SpawnCreateOptions,
): Promise<SpawnCreateResult[]> {
  const branches = spawnCreateBranches(options.branch, options.count);
  if (options.agent !== undefined) knownAgent(options.agent);
  if (options.command.length === 0 && options.agent === undefined) {
    throw new UsageError('no command to run', {
      hint: 'pots spawn --create <branch> -- <command…>, or --agent claude',
    });
  }
  const plum = await pots.repo();
  const worktrees = await listWorktrees(plum, { status: false });
  const gitDir = plum.repo.mainWorktree ?? plum.repo.currentWorktree ?? plum.repo.projectRoot;
  const taken: string[] = [];
  for (const branch of branches) {
    const holder = worktrees.find((w) => w.branch === branch);
    if (holder) taken.push(`${branch}: its worktree exists at ${holder.path}`);
    else if (options.existingBranch !== 'checkout' && (await localBranchExists(gitDir, branch))) {
      taken.push(`${branch}: the branch exists`);
    }
  }
  if (taken.length > 0) {
    throw new RefusedError(
      'ERR_POTS_BRANCH_EXISTS',
      `${taken.length === 1 ? taken[0]! : `${taken.length} of the branches are taken`}; nothing was created`,
      {
        details: taken.length === 1 ? [] : taken,
        hint: 'start an agent in an existing worktree with: pots spawn <worktree> -- <command…>',
      },
    );
  }
  const spawnOptions: SpawnOptions = {
    command: options.command,
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    ...(options.task === undefined ? {} : { task: options.task }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.split === undefined ? {} : { split: options.split }),
  };
  const done: SpawnCreateResult[] = [];
  const created: string[] = [];
  const fail = (error: unknown): never => {
    if (created.length === 0) throw error;
    throw new SpawnCreateError(done, created, error);
  };
  for (const branch of branches) {
    let made: CreateResult;
    try {
      made = await createWorktree(plum, {
        branch,
        base: options.base,
        copy: options.copy !== false,
        hooks: options.postCreate !== false,
        ...(options.yes === undefined ? {} : { yes: options.yes }),
        ...(options.confirm ? { confirm: options.confirm } : {}),
      });
    } catch (error) {
      // A copy or postCreate hook failed after git made the worktree: it is the user's now.
      if (error instanceof AfterCreateError) created.push(error.result.worktree.path);
      return fail(error);
    }
    created.push(made.worktree.path);
    try {
      const pane = await spawn(pots, { ...spawnOptions, worktree: made.worktree.path });
      done.push({ ...pane, worktreeCreated: made });
    } catch (error) {
      return fail(error);
    }
  }
  return done;
}
