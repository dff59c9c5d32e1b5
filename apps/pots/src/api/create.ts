// `pots create` / `pots open`: plan a unit for a worktree + task (through plum's API), then make it
// a session or a window, tagged with the `@pots-*` options in the same tmux invocation.
import { NotFoundError, RefusedError, UsageError, isPlumError, hasControl } from '@plumpots/core';
import { literalDefaults } from '@plumpots/core/config/defaults';
import { findWorktree, listWorktrees, type PlumContext, type Worktree } from '@plumpots/plum';
import {
  listSessions,
  listWindows,
  newSession,
  newWindow,
  target,
  type NewSessionResult,
} from '../tmux/index.js';
import { agentFromCommand } from '../agents/state/detect.js';
import type { PotsContext, PotsSettings } from './context.js';
import {
  COMMAND_TAG,
  applyTemplate,
  createFromTemplate,
  type Template,
} from '../templates/index.js';
import { singleWindow, unitTemplate, type TemplateTrustOptions } from './templates.js';
import {
  findUnitByTags,
  listUnits,
  sessionUnit,
  unitName,
  unitTags,
  windowUnit,
  type Unit,
} from './units.js';

/** The built-in template a unit gets when neither `--template` nor `pots.template` names another. */
export const DEFAULT_TEMPLATE = literalDefaults().pots.template;

export interface CreateUnitOptions extends TemplateTrustOptions {
  /** A worktree name, branch or path (plum's `findWorktree`); default: the one holding the cwd. */
  worktree?: string;
  /** Default `pots.defaultTask`. */
  task?: string;
  /** Default: the repository's directory name. */
  project?: string;
  /**
   * A template name or file path (`./x.yaml`: pots, tmuxp or tmuxinator); default config
   * `pots.template`. A repository's template asks `confirm` first (see `ensureTemplateTrusted`).
   */
  template?: string;
  /**
   * A command line for the first window, as the user typed it: run by the user's shell as the
   * pane's first process, which then stays at a shell prompt.
   */
  command?: string;
}

/** What `planUnit` decided; `createUnit` makes it. */
export interface UnitPlan {
  settings: PotsSettings;
  plum: PlumContext;
  worktree: Worktree;
  project: string;
  task: string;
  /** The session name (session mode) or window name (window mode). */
  name: string;
  tags: Record<string, string>;
  /** The first pane's argv, when a command was given. */
  command: string[] | undefined;
  /** The layout to make (the `--cmd` in its first pane); null: one shell (built-in `default`). */
  template: Template | null;
}

export interface OpenResult {
  unit: Unit;
  /** false when the unit already existed. */
  created: boolean;
}

/** Which unit a worktree + task means: `UnitPlan` without the layout. */
export type UnitTarget = Omit<UnitPlan, 'template'>;

/**
 * Resolves the worktree (one `git worktree list`), names the unit and builds its tags — what
 * finding an existing unit needs. Spawns no tmux, reads no template.
 * @example const { name, worktree } = await planUnitTarget(pots, { worktree: 'feat/login' });
 */
export async function planUnitTarget(
  pots: PotsContext,
  options: Omit<CreateUnitOptions, 'template'> = {},
): Promise<UnitTarget> {
  const plum = await pots.repo();
  const settings = await pots.settings();
  const worktrees = await listWorktrees(plum, { status: false });
  const worktree = pickWorktree(plum, worktrees, options.worktree);
  const task = checkedLabel('task', options.task ?? settings.defaultTask);
  const project = checkedLabel('project', options.project ?? plum.repo.projectName);
  const name = unitName(settings, worktrees, worktree, project, task);
  return {
    settings,
    plum,
    worktree,
    project,
    task,
    name,
    tags: unitTags(plum, worktree, project, task, settings.mode),
    command: options.command === undefined ? undefined : shellCommand(options.command, pots.env),
  };
}

/**
 * `planUnitTarget` plus the layout to make (the template, checked for trust). Spawns no tmux.
 * @example const plan = await planUnit(pots, { worktree: 'feat/login' }); plan.name // 'app-feat-login-dev'
 */
export async function planUnit(
  pots: PotsContext,
  options: CreateUnitOptions = {},
  target?: UnitTarget,
): Promise<UnitPlan> {
  const resolved = target ?? (await planUnitTarget(pots, options));
  const template = await unitTemplate(pots, resolved.plum, resolved.worktree.path, options);
  return { ...resolved, template };
}

/**
 * Creates the unit for a worktree + task. Already there (same worktree and task) or name taken →
 * RefusedError (exit 4); no such worktree → NotFoundError (exit 3).
 * @example const unit = await createUnit(pots, { worktree: 'feat', task: 'dev', command: 'npm run dev' });
 */
export async function createUnit(
  pots: PotsContext,
  options: CreateUnitOptions = {},
): Promise<Unit> {
  const plan = await planUnit(pots, options);
  const unit =
    plan.settings.mode === 'session'
      ? await createSessionUnit(pots, plan)
      : await createWindowUnit(pots, plan);
  await watchStartedAgents(pots, plan, options.command);
  return unit;
}

/**
 * The unit for a worktree + task: the existing one (found by its tags), else a new one. Idempotent.
 * @example const { unit, created } = await openUnit(pots, { worktree: 'feat' });
 */
export async function openUnit(
  pots: PotsContext,
  options: CreateUnitOptions = {},
): Promise<OpenResult> {
  // An existing unit is found before any template is read: opening it needs no layout (nor trust).
  const target = await planUnitTarget(pots, options);
  const existing = await findExisting(pots, target);
  if (existing) return { unit: existing, created: false };
  const plan = await planUnit(pots, options, target);
  try {
    const unit =
      plan.settings.mode === 'session'
        ? await createSessionUnit(pots, plan)
        : await createWindowUnit(pots, plan);
    await watchStartedAgents(pots, plan, options.command);
    return { unit, created: true };
  } catch (error) {
    // Someone else made it between our look and our create: theirs is as good as ours.
    if (
      isPlumError(error) &&
      (error.code === 'ERR_POTS_UNIT_EXISTS' || error.code === 'ERR_POTS_NAME_TAKEN')
    ) {
      const raced = await findExisting(pots, plan);
      if (raced) return { unit: raced, created: false };
    }
    throw error;
  }
}

// A layout that starts a known agent (the built-in `claude`, `agent` with POTS_AGENT_COMMAND, a
// user's template) gets the server's agent watcher, as `pots spawn` does, so the states only its
// screen shows and `stuck` are notified. Loaded only then: other creates keep their module graph
// and their one tmux process. A failure to start it never fails the create.
async function watchStartedAgents(
  pots: PotsContext,
  plan: UnitPlan,
  command: string | undefined,
): Promise<void> {
  const commands = [command ?? ''];
  for (const window of plan.template?.windows ?? []) {
    for (const pane of window.panes) commands.push(pane.command ?? '');
  }
  if (!commands.some((line) => agentFromCommand(line) !== null)) return;
  const { ensureWatcher } = await import('./watcher.js');
  await ensureWatcher(pots).catch(() => undefined);
}

async function findExisting(pots: PotsContext, plan: UnitTarget): Promise<Unit | undefined> {
  const units = await listUnits(pots, { checkWorktrees: false });
  return findUnitByTags(units, plan.worktree.path, plan.task);
}

// No listing first: tmux itself refuses a name that is taken (`duplicate session`), so a create is
// one tmux process; only a refusal lists the sessions, to say whether the holder is this worktree's
// unit for the task (ERR_POTS_UNIT_EXISTS) or another session (ERR_POTS_NAME_TAKEN), both exit 4.
async function createSessionUnit(pots: PotsContext, plan: UnitPlan): Promise<Unit> {
  const created = await (
    plan.template
      ? createFromTemplate(pots.tmux, {
          name: plan.name,
          cwd: plan.worktree.path,
          template: plan.template,
          options: plan.tags,
          env: pots.env,
          // Its directories were checked before tmux ran: one tmux process in all.
          verify: false,
        }).then((made) => firstPane(logged(pots, made)))
      : newSession(pots.tmux, {
          name: plan.name,
          cwd: plan.worktree.path,
          options: plan.tags,
          ...commandOptions(plan),
        })
  ).catch(async (error: unknown) => {
    if (!isPlumError(error) || error.code !== 'ERR_POTS_SESSION_EXISTS') throw error;
    const sessions = (await listSessions(pots.tmux)).map(sessionUnit);
    const holder = sessions.find((session) => session.name === plan.name);
    if (holder && findUnitByTags([holder], plan.worktree.path, plan.task)) {
      throw exists(plan, holder.name);
    }
    throw taken(plan, error);
  });
  return newUnit(plan, created, plan.name);
}

async function createWindowUnit(pots: PotsContext, plan: UnitPlan): Promise<Unit> {
  const { session } = plan.settings;
  for (let attempt = 0; ; attempt++) {
    const host = (await listSessions(pots.tmux)).map(sessionUnit).find((s) => s.name === session);
    if (host?.managed) {
      throw new RefusedError(
        'ERR_POTS_HOST_IS_UNIT',
        `session "${session}" is a session-mode unit of ${host.path}; window mode cannot put windows in it`,
        { hint: 'set pots.session to another name, or kill that session' },
      );
    }
    if (!host) {
      try {
        const created = plan.template
          ? firstPane(
              logged(
                pots,
                await createFromTemplate(pots.tmux, {
                  name: session,
                  cwd: plan.worktree.path,
                  template: singleWindow(plan.template, plan.name),
                  windowOptions: plan.tags,
                  env: pots.env,
                  verify: false,
                }),
              ),
            )
          : await newSession(pots.tmux, {
              name: session,
              cwd: plan.worktree.path,
              windowName: plan.name,
              windowOptions: plan.tags,
              ...commandOptions(plan),
            });
        return newUnit(plan, created, session);
      } catch (error) {
        // Another pots made the session first: add a window to it instead.
        if (attempt === 0 && isPlumError(error) && error.code === 'ERR_POTS_SESSION_EXISTS')
          continue;
        throw error;
      }
    }
    const windows = (await listWindows(pots.tmux)).filter((w) => w.sessionId === host.id);
    const same = findUnitByTags(windows.map(windowUnit), plan.worktree.path, plan.task);
    if (same) throw exists(plan, same.name);
    if (windows.some((w) => w.name === plan.name)) throw taken(plan);
    const created = plan.template
      ? firstPane(
          await applyTemplate(
            pots.tmux,
            host.id,
            singleWindow(plan.template, plan.name),
            plan.worktree.path,
            { windowOptions: plan.tags, env: pots.env },
          ).then(({ sessionId, added, warnings }) =>
            logged(pots, { sessionId, created: added, warnings }),
          ),
        )
      : await newWindow(pots.tmux, {
          sessionId: host.id,
          name: plan.name,
          cwd: plan.worktree.path,
          options: plan.tags,
          ...commandOptions(plan),
        });
    // tmux lets windows share a name: if another pots added the same name meanwhile, the older
    // window keeps it and this one goes.
    const twins = (await listWindows(pots.tmux)).filter(
      (w) => w.sessionId === host.id && w.name === plan.name,
    );
    if (twins.some((w) => windowNumber(w.id) < windowNumber(created.windowId))) {
      await pots.tmux.probe(['kill-window', '-t', target(created.windowId)]);
      throw taken(plan);
    }
    return newUnit(plan, created, session);
  }
}

/** `--cmd`: the argv that runs it, and the command as typed recorded for `pots ps`/`info`. */
function commandOptions(plan: UnitPlan): {
  command?: string[];
  paneOptions?: Record<string, string>;
} {
  if (!plan.command) return {};
  // shellCommand's last element is the command as the user typed it.
  const typed = plan.command[plan.command.length - 1] ?? '';
  return { command: plan.command, paneOptions: { [COMMAND_TAG]: typed } };
}

/** Reports what typing into the template's shells warned about (a prompt that never came). */
function logged<T extends { warnings: readonly string[] }>(pots: PotsContext, made: T): T {
  for (const warning of made.warnings) pots.log(warning);
  return made;
}

/** The ids of a template's first window and pane, as `newSession` returns them. */
function firstPane(made: {
  sessionId: string;
  created: ReadonlyArray<{ windowId: string; paneId: string }>;
}): NewSessionResult {
  const [first] = made.created;
  return {
    sessionId: made.sessionId,
    windowId: first?.windowId ?? '',
    paneId: first?.paneId ?? '',
  };
}

function newUnit(plan: UnitPlan, created: NewSessionResult, session: string): Unit {
  const now = new Date().toISOString();
  const window = plan.settings.mode === 'window';
  return {
    name: plan.name,
    id: window ? created.windowId : created.sessionId,
    project: plan.project,
    worktree: plan.worktree.name,
    task: plan.task,
    path: plan.worktree.path,
    attached: false,
    windows: window ? 1 : (plan.template?.windows.length ?? 1),
    created: window ? null : now,
    activity: now,
    orphan: false,
    managed: true,
    mode: plan.settings.mode,
    session,
    sessionId: created.sessionId,
    repo: plan.plum.repo.commonDir,
  };
}

/**
 * The argv that runs `command` (as typed) in the user's shell as a pane's first process and then
 * stays at a prompt. `/bin/sh` only sequences the two; the command reaches the user's shell as one
 * argument, never spliced into a script, so a trailing comment or `&` cannot swallow the `exec`.
 * @example shellCommand('npm run dev', { SHELL: '/bin/zsh' })
 *   // ['/bin/sh', '-c', '"$0" -c "$1"; exec "$0"', '/bin/zsh', 'npm run dev']
 */
export function shellCommand(command: string, env: NodeJS.ProcessEnv): string[] {
  if (command.trim() === '') throw new UsageError('empty --cmd');
  const shell = env.SHELL || '/bin/sh';
  return ['/bin/sh', '-c', '"$0" -c "$1"; exec "$0"', shell, command];
}

function pickWorktree(
  plum: PlumContext,
  worktrees: readonly Worktree[],
  query: string | undefined,
): Worktree {
  if (query !== undefined) return findWorktree(worktrees, query, plum.cwd);
  const current = worktrees.find((w) => w.path === plum.repo.currentWorktree);
  if (current) return current;
  throw new NotFoundError('ERR_POTS_NO_WORKTREE', `${plum.cwd} is not inside a worktree`, {
    hint: 'name one: pots create <worktree> (see plum list)',
  });
}

// Tags are read back through tmux's list formats: control characters would break the records.
function checkedLabel(what: string, value: string): string {
  if (value.trim() === '' || hasControl(value)) {
    throw new UsageError(`bad ${what} ${JSON.stringify(value)}`, {
      hint: `use a short word, e.g. dev`,
    });
  }
  return value;
}

function exists(plan: UnitPlan, name: string): RefusedError {
  const what = plan.settings.mode === 'session' ? 'session' : 'window';
  return new RefusedError(
    'ERR_POTS_UNIT_EXISTS',
    `${plan.worktree.name} already has a ${what} for task "${plan.task}": ${name}`,
    { hint: `pots open ${plan.worktree.name} ${plan.task}` },
  );
}

function taken(plan: UnitPlan, cause?: unknown): RefusedError {
  const what = plan.settings.mode === 'session' ? 'session' : 'window';
  return new RefusedError('ERR_POTS_NAME_TAKEN', `a tmux ${what} named "${plan.name}" exists`, {
    hint: "it is not pots's for this worktree: pass --project <name> or another task",
    ...(cause === undefined ? {} : { cause }),
  });
}

function windowNumber(id: string): number {
  return Number(id.slice(1));
}
