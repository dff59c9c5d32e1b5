// The pickers `pots attach` and `pots open` show when the name is left out on a terminal: the
// candidates as a table with their state, the current worktree's entry first. fzf when it is on
// PATH, else the built-in picker (core's `ui.pick`).
import { NotFoundError } from '@plumpots/core';
import { createPalette, worktreeState, type Ui } from '@plumpots/core/ui';
import { renderTable } from '@plumpots/core/ui/table';
import type { PotsContext } from '../api/context.js';
import { unitOverview, type UnitOverview } from '../api/unit-overview.js';
import { worktreeChoices, type Worktree } from '../api/worktree-overview.js';
import type { Unit } from '../api/units.js';

/**
 * Lets the user pick one of pots's sessions (windows in window mode): name, worktree, task and
 * state (attached, windows, the commands `pots spawn` started: running or exited), those of the
 * worktree holding the cwd first; `message` names the mode's word (`{unit}`: session or window).
 * Two tmux calls; no git status. None at all → NotFoundError.
 * @example const unit = await pickUnit(ui, pots, 'Attach to which {unit}?');
 */
export async function pickUnit(ui: Ui, pots: PotsContext, message: string): Promise<Unit> {
  const [units, settings] = await Promise.all([unitOverview(pots), pots.settings()]);
  if (units.length === 0) {
    throw new NotFoundError(
      'ERR_POTS_NOT_FOUND',
      `no ${settings.mode}s made by pots on this tmux server`,
      {
        hint: 'pots open creates one (pots list --all shows the others)',
      },
    );
  }
  const rank = ({ unit, here }: UnitOverview) =>
    !here ? 2 : unit.task === settings.defaultTask ? 0 : 1;
  const sorted = [...units].sort((a, b) => rank(a) - rank(b));
  const rows = sorted.map(({ unit, here, agents }) => ({
    name: unit.name,
    worktree: here ? `${unit.worktree ?? '-'} (here)` : (unit.worktree ?? '-'),
    task: unit.task ?? '-',
    state: unitState(unit, agents),
  }));
  const [header = '', ...labels] = renderTable(rows, [
    { key: 'name', header: 'NAME' },
    { key: 'worktree', header: 'WORKTREE' },
    { key: 'task', header: 'TASK' },
    { key: 'state', header: 'STATE' },
  ]).split('\n');
  return ui.pick(
    message.replace('{unit}', settings.mode),
    sorted.map(({ unit }, i) => ({ value: unit, label: labels[i] ?? unit.name, name: unit.name })),
    { header, hint: 'pass the name as an argument (pots list shows them)' },
  );
}

/**
 * Lets the user pick a worktree of the repository around the cwd to open: name, branch, state (as
 * `plum list` shows it: * dirty, ?N untracked, ↑↓ ahead/behind, locked) and its sessions (windows
 * in window mode) with the attached ones marked; the worktree holding the cwd first.
 * @example const worktree = await pickWorktreeToOpen(ui, pots, 'Open which worktree?');
 */
export async function pickWorktreeToOpen(
  ui: Ui,
  pots: PotsContext,
  message: string,
): Promise<Worktree> {
  const choices = await worktreeChoices(pots);
  const plain = createPalette(false);
  const rows = choices.map(({ worktree: w, here, units: mine }) => ({
    name: `${w.name}${w.isMain ? ' (main)' : ''}${here ? ' (here)' : ''}`,
    branch: w.branch ?? '(detached)',
    state: worktreeState(w, plain),
    sessions:
      mine.length === 0
        ? '-'
        : mine
            .map((unit) => `${unit.task ?? unit.name}${unit.attached ? ' (attached)' : ''}`)
            .join(', '),
  }));
  const mode = (await pots.settings()).mode;
  const [header = '', ...labels] = renderTable(rows, [
    { key: 'name', header: 'WORKTREE' },
    { key: 'branch', header: 'BRANCH' },
    { key: 'state', header: 'STATE' },
    { key: 'sessions', header: mode === 'window' ? 'WINDOWS' : 'SESSIONS' },
  ]).split('\n');
  return ui.pick(
    message,
    choices.map(({ worktree }, i) => ({
      value: worktree,
      label: labels[i] ?? worktree.name,
      name: worktree.name,
    })),
    { header, hint: 'pass the worktree as an argument (plum list shows them)' },
  );
}

/** `attached, 2 windows, agents: 1 running 1 exited`. */
function unitState(unit: Unit, { running, exited }: UnitOverview['agents']): string {
  const parts = [
    ...(unit.attached ? ['attached'] : []),
    ...(unit.mode === 'session' ? [`${unit.windows} window${unit.windows === 1 ? '' : 's'}`] : []),
    ...(running + exited === 0
      ? []
      : [
          `agents: ${[running ? `${running} running` : '', exited ? `${exited} exited` : '']
            .filter(Boolean)
            .join(' ')}`,
        ]),
  ];
  return parts.join(', ');
}
