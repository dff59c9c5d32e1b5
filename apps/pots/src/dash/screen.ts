// The dashboard's screen, drawn with ink (React for terminals): the list of worktrees and panes,
// the selected pane's preview, and the footer — or, full-screen, a form, a confirmation, the log or
// the help. It draws exactly `rows - 1` lines, so ink rewrites lines in place rather than clearing
// the screen (which it does when a frame is as tall as the terminal).
import {
  createElement as h,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Box, Text, useInput, useStdout } from 'ink';
import type { DashPane } from '../api/dash.js';
import type { DashController, DashSnapshot } from './controller.js';
import {
  HELP_LINES,
  STATE_COLOR,
  countsLine,
  fit,
  paneColumns,
  worktreeLine,
  type DashRow,
} from './format.js';

interface Size {
  columns: number;
  rows: number;
}

function useSize(): Size {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The whole screen, bound to a controller. */
export function DashScreen({ controller }: { controller: DashController }): ReactNode {
  const state = useSyncExternalStore(controller.subscribe, controller.snapshot);
  const size = useSize();
  useInput((input, key) => controller.onKey({ ...key, input }));
  const height = Math.max(6, size.rows - 1);
  const width = Math.max(20, size.columns);
  let body: ReactNode[];
  switch (state.mode) {
    case 'help':
      body = page(
        'pots dash — keys',
        [...HELP_LINES, '', 'any key: back'],
        height - 2,
        width,
        state,
      );
      break;
    case 'log':
      body = page(
        `log of ${state.previewOf ?? ''} (q / Esc: back)`,
        state.log,
        height - 2,
        width,
        state,
        true,
      );
      break;
    case 'new':
      body = newForm(state, height - 2, width);
      break;
    case 'confirm':
    case 'remove':
      body = page(state.confirm?.title ?? '', confirmLines(state), height - 2, width, state);
      break;
    case 'send':
      body = sendEditor(state, height - 2, width);
      break;
    default:
      body = listAndPreview(state, height - 2, width);
  }
  return h(Box, { flexDirection: 'column', height, width }, ...body, ...footer(state, width));
}

function listAndPreview(state: DashSnapshot, height: number, width: number): ReactNode[] {
  const now = state.now;
  const listHeight = Math.max(3, Math.min(state.rows.length || 1, Math.floor(height / 2)));
  const selectedIndex = Math.max(
    0,
    state.rows.findIndex((r) => r.key === state.selected),
  );
  const top = Math.max(
    0,
    Math.min(selectedIndex - Math.floor(listHeight / 2), state.rows.length - listHeight),
  );
  const shown = state.rows.slice(top, top + listHeight);
  const lines: ReactNode[] = shown.map((row) =>
    rowLine(row, row.key === state.selected, width, now, state),
  );
  if (state.rows.length === 0) {
    lines.push(
      line(
        'empty',
        state.filter
          ? `nothing matches "${state.filter}"`
          : 'no worktrees or panes yet: n creates a worktree with an agent',
        width,
        { dimColor: true },
      ),
    );
  }
  while (lines.length < listHeight) lines.push(line(`pad-${lines.length}`, '', width));

  const previewHeight = height - listHeight - 1;
  let pane: DashPane | undefined;
  for (const row of state.rows)
    if (row.kind === 'pane' && row.pane.id === state.previewOf) pane = row.pane;
  const title = pane
    ? `── ${pane.id} ${pane.name} · ${pane.state}${pane.evidence ? ` · ${pane.evidence}` : ''} `
    : '── no pane selected ';
  lines.push(
    line('title', title + '─'.repeat(Math.max(0, width - [...title].length)), width, {
      dimColor: true,
    }),
  );
  const preview = state.preview.slice(-previewHeight);
  for (let i = 0; i < previewHeight; i++) {
    lines.push(h(Text, { key: `p${i}`, wrap: 'truncate-end' }, preview[i] || ' '));
  }
  return lines;
}

function rowLine(
  row: DashRow,
  selected: boolean,
  width: number,
  now: number,
  state: DashSnapshot,
): ReactNode {
  const inverse = selected;
  if (row.kind === 'worktree') {
    const text = fit(`${selected ? '▸' : ' '} ${worktreeLine(row.worktree, state.all)}`, width);
    return h(
      Text,
      {
        key: row.key,
        bold: true,
        inverse,
        wrap: 'truncate-end',
        ...(state.color && row.worktree.orphan ? { color: 'red' } : {}),
      },
      text,
    );
  }
  const c = paneColumns(row.pane, now);
  const stateText = fit(c.state, 11);
  const rest = ` ${fit(c.age, 4)} ${fit(c.name, 14)} ${fit(c.where, Math.max(8, width - 44))} ${c.id}`;
  const color = state.color ? STATE_COLOR[row.pane.state] : undefined;
  return h(
    Text,
    { key: row.key, inverse, wrap: 'truncate-end' },
    `${selected ? '▸' : ' '}   `,
    h(Text, { ...(color ? { color } : {}), bold: row.pane.state === 'waiting' }, stateText),
    rest,
  );
}

function line(
  key: string,
  text: string,
  width: number,
  style: Record<string, unknown> = {},
): ReactNode {
  return h(Text, { key, wrap: 'truncate-end', ...style }, fit(text, width));
}

function page(
  title: string,
  body: readonly string[],
  height: number,
  width: number,
  state: DashSnapshot,
  tail = false,
): ReactNode[] {
  const room = height - 1;
  const shown = tail ? body.slice(-room) : body.slice(0, room);
  const lines: ReactNode[] = [line('title', title, width, { bold: true })];
  shown.forEach((text, i) =>
    lines.push(h(Text, { key: `l${i}`, wrap: 'truncate-end' }, text || ' ')),
  );
  while (lines.length < height) lines.push(line(`pad-${lines.length}`, '', width));
  void state;
  return lines;
}

function confirmLines(state: DashSnapshot): string[] {
  const confirm = state.confirm;
  if (!confirm) return [];
  const lines = ['', ...confirm.lines];
  if (confirm.expect !== null) lines.push('', `> ${confirm.typed}▏`);
  return lines;
}

function sendEditor(state: DashSnapshot, height: number, width: number): ReactNode[] {
  const target = state.previewOf ?? state.selected ?? '';
  const text = state.editor.split('\n');
  const body = [
    '',
    ...text.map((t, i) => `${i === 0 ? '> ' : '  '}${t}${i === text.length - 1 ? '▏' : ''}`),
    '',
    'Enter: new line · Ctrl-S (or Ctrl-D): send as one paste, then Enter · Esc: cancel',
  ];
  return page(`send to ${target}`, body, height, width, state);
}

function newForm(state: DashSnapshot, height: number, width: number): ReactNode[] {
  const labels = ['branch ', 'agent  ', 'prompt '];
  const values = [state.form.branch, state.form.command, state.form.prompt];
  const body = [
    '',
    ...labels.map(
      (label, i) =>
        `${i === state.form.field ? '▸' : ' '} ${label} ${values[i]}${i === state.form.field ? '▏' : ''}`,
    ),
    '',
    'Tab / Enter: next field · Enter on prompt or Ctrl-S: create · Esc: cancel',
    'The agent runs without a shell: its words are its argv (e.g. claude, or codex --full-auto).',
  ];
  return page('new worktree + agent (plum create, then pots spawn)', body, height, width, state);
}

function footer(state: DashSnapshot, width: number): ReactNode[] {
  const counts = countsLine(state.counts);
  const filter =
    state.mode === 'filter' || state.filter
      ? ` · filter: ${state.filter}${state.mode === 'filter' ? '▏' : ''}`
      : '';
  const status = state.busy ?? state.message?.text ?? '';
  const first = `${counts}${filter}${status ? `  │ ${status}` : ''}`;
  const keys =
    state.mode === 'list' || state.mode === 'filter'
      ? width >= 100
        ? '⏎ go  j/k move  / filter  s send  y/n answer  i C-c  x stop  K kill  n new  r remove  l log  ? help  q quit'
        : '⏎ go  j/k  / filter  s send  y/n  i C-c  x stop  K kill  n new  r rm  l log  ? help'.replaceAll(
            '  ',
            ' ',
          )
      : 'Esc: back';
  const error = state.message?.error === true && !state.busy;
  return [
    h(
      Text,
      {
        key: 'f1',
        wrap: 'truncate-end',
        ...(error && state.color ? { color: 'red' } : {}),
        bold: error,
      },
      fit(first, width),
    ),
    h(Text, { key: 'f2', wrap: 'truncate-end', dimColor: true }, fit(keys, width)),
  ];
}
