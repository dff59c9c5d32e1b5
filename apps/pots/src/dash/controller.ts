// The dashboard's state and everything that changes it: refreshes (pushed by the feed, at most
// one safety listing a second), the preview, and the keys. The screen subscribes to `snapshot()`;
// nothing here draws. Work is coalesced: however many panes print, one listing and one capture are
// in flight at a time, and output bytes are never kept (the feed only says which pane printed).
import {
  checkRemoval,
  createDashFeed,
  DASH_POPUP_VAR,
  followPane,
  formatRisks,
  goTo,
  killPane,
  loadDashPanes,
  loadDashWorktrees,
  mergeDash,
  newWorktreeAgent,
  ownPane,
  planGoTo,
  pressKeys,
  previewPane,
  removeWorktree,
  sendPrompt,
  sortDash,
  stateCounts,
  stopPane,
  supervisionSettings,
  type SupervisionSettings,
  type DashFeed,
  type DashFeedEvent,
  type DashPane,
  type DashWorktree,
  type PotsContext,
  type RemovalCheck,
} from '../api/dash.js';
import { createTerminalSanitizer, sanitizeForTerminal } from '@plumpots/core/ui';
import { flattenRows, type DashRow } from './format.js';
import { viewChanged } from './view-diff.js';

export type DashMode = 'list' | 'filter' | 'send' | 'confirm' | 'new' | 'remove' | 'log' | 'help';

export interface NewForm {
  branch: string;
  command: string;
  prompt: string;
  field: 0 | 1 | 2;
}

export interface Confirm {
  title: string;
  lines: string[];
  /** With `expect`: the user types this (and Enter) to confirm; else `y`. */
  expect: string | null;
  typed: string;
  run: () => Promise<string>;
}

export interface DashSnapshot {
  rows: DashRow[];
  selected: string | null;
  counts: Array<[string, number]>;
  mode: DashMode;
  filter: string;
  editor: string;
  form: NewForm;
  confirm: Confirm | null;
  message: { text: string; error: boolean } | null;
  preview: string[];
  previewOf: string | null;
  log: string[];
  busy: string | null;
  all: boolean;
  color: boolean;
  /** The clock the ages are drawn at (epoch ms): moved on only when that changes an age shown. */
  now: number;
}

/** A key as the screen library reports it. */
export interface KeyPress {
  input: string;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

const LOG_LINES = 500;
const OUTPUT_GAP_MS = 250;
/**
 * The safety-net listing when nothing was pushed. With every session shown watched by an attached
 * control client, panes closing, dying, printing or changing state are pushed, and the listing is
 * rare (it catches what tmux does not announce); while a client is missing or not yet attached,
 * it runs once a second; with no session to watch, every few seconds.
 */
const SAFETY_MS = { healthy: 30_000, unwatched: 1000, empty: 5000 };
/** How often the ages ("12s") are checked; the screen is redrawn only when one shown changes. */
const AGE_MS = 5000;
/** plum's state of the worktrees (a `git status` each), besides structural changes and actions. */
const WORKTREES_MS = 15_000;

export interface DashControllerOptions {
  all: boolean;
  color: boolean;
  /** Hands the terminal to `fn` (attach) and takes it back. */
  suspend: (fn: () => Promise<void>) => Promise<void>;
  /** Called once the user quits. */
  quit: () => void;
  /** Appends `<epoch ms> <event>` lines (bench/: when each state reached the screen). */
  trace?: (line: string) => void;
}

export class DashController {
  private worktrees: DashWorktree[] = [];
  private panes: DashPane[] = [];
  private since = new Map<string, { state: string; at: string }>();
  private state: DashSnapshot;
  private listeners = new Set<() => void>();
  private feed: DashFeed;
  private timers: NodeJS.Timeout[] = [];
  private safetyTimer: NodeJS.Timeout | null = null;
  /** What the screen was last given: `state` as it was at the last change the screen shows. */
  private view: DashSnapshot;
  private panesRun = { running: false, again: false };
  private outputTimer: NodeJS.Timeout | null = null;
  private previewRun = { running: false, again: false };
  private logAbort: AbortController | null = null;
  private lastIndex = 0;
  private settings: SupervisionSettings | undefined;
  private queued: KeyPress[] = [];
  private traced = new Map<string, string>();
  private pendingTrace: string[] = [];

  /** Called when a frame reached the terminal: traces the states it was the first to show. */
  frameDrawn(): void {
    if (!this.options.trace || this.pendingTrace.length === 0) return;
    const now = Date.now();
    for (const line of this.pendingTrace) this.options.trace(`${now} ${line}`);
    this.pendingTrace = [];
  }
  private closed = false;

  constructor(
    private readonly pots: PotsContext,
    private readonly options: DashControllerOptions,
  ) {
    this.state = {
      rows: [],
      selected: null,
      counts: [],
      mode: 'list',
      filter: '',
      editor: '',
      form: { branch: '', command: 'claude', prompt: '', field: 0 },
      confirm: null,
      message: null,
      preview: [],
      previewOf: null,
      log: [],
      busy: null,
      all: options.all,
      color: options.color,
      now: Date.now(),
    };
    this.view = this.state;
    this.feed = createDashFeed(pots, {
      onEvent: (event) => this.onFeed(event),
      ignorePane: ownPane(pots),
    });
  }

  /** What the screen shows: a new object only after a change it would draw differently. */
  snapshot = (): DashSnapshot => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads both tiers, opens the feed and starts the timers. */
  async start(): Promise<void> {
    await Promise.all([this.refreshWorktrees(), this.refreshPanes()]);
    this.timers.push(
      setInterval(() => this.publish(true), AGE_MS),
      setInterval(() => void this.refreshWorktrees(), WORKTREES_MS),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.safetyTimer) clearTimeout(this.safetyTimer);
    if (this.outputTimer) clearTimeout(this.outputTimer);
    this.logAbort?.abort();
    await this.feed.close();
  }

  private set(patch: Partial<DashSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.publish(false);
  }

  // The screen gets the state only when it would draw something new. The ages move on with any
  // frame drawn, and between frames only on the age tick (not with every listing that finds the
  // same panes).
  private publish(tick: boolean): void {
    const now = Date.now();
    const next = { ...this.state, now: tick ? now : this.view.now };
    if (!viewChanged(this.view, next)) return;
    this.view = { ...next, now };
    for (const listener of this.listeners) listener();
  }

  private say(text: string, error = false): void {
    this.set({ message: { text: sanitizeForTerminal(text, { multiline: false }), error } });
  }

  // --- data -------------------------------------------------------------------------------------

  private onFeed(event: DashFeedEvent): void {
    if (this.closed) return;
    if (event.type === 'output') {
      if (event.pane === this.state.selected) void this.refreshPreview();
      // Coalesced: a refresh at most every OUTPUT_GAP_MS however many panes print.
      this.outputTimer ??= setTimeout(() => {
        this.outputTimer = null;
        void this.refreshPanes();
      }, OUTPUT_GAP_MS);
      return;
    }
    if (event.type === 'structure') void this.refreshWorktrees();
    void this.refreshPanes();
  }

  private async refreshWorktrees(): Promise<void> {
    try {
      this.settings = await supervisionSettings(this.pots); // config edits show up too
      this.worktrees = await loadDashWorktrees(this.pots, { all: this.options.all });
      this.rebuild();
    } catch (error) {
      this.say(messageAndHint(error), true);
    }
  }

  /** One listing at a time; a request during one runs once more after it. */
  async refreshPanes(): Promise<void> {
    if (this.panesRun.running) {
      this.panesRun.again = true;
      return;
    }
    this.panesRun.running = true;
    try {
      do {
        this.panesRun.again = false;
        this.settings ??= await supervisionSettings(this.pots);
        const panes = await loadDashPanes(this.pots, this.settings);
        this.panes = panes.map((pane) => this.withSince(pane));
        this.rebuild();
        const sessions = new Set([
          ...this.panes.map((p) => p.session),
          ...this.worktrees.flatMap((w) => w.units),
        ]);
        await this.feed.track([...sessions]);
      } while (this.panesRun.again && !this.closed);
    } catch (error) {
      this.say(messageAndHint(error), true);
    } finally {
      this.panesRun.running = false;
      this.scheduleSafety();
    }
  }

  // The next listing nothing will push: the safety net, or sooner when a pane's state turns by
  // itself with time (running or working → idle after idleSeconds of silence, working → stuck).
  private scheduleSafety(): void {
    if (this.closed) return;
    if (this.safetyTimer) clearTimeout(this.safetyTimer);
    const now = Date.now();
    let delay = this.feed.healthy
      ? SAFETY_MS.healthy
      : this.feed.clients === 0 && this.panes.length === 0
        ? SAFETY_MS.empty
        : SAFETY_MS.unwatched;
    const idle = (this.settings?.idleSeconds ?? 30) * 1000;
    const stuck = (this.settings?.stuckSeconds ?? 600) * 1000;
    for (const pane of this.panes) {
      if (pane.state !== 'running' && pane.state !== 'working') continue;
      const activity = Date.parse(pane.activity);
      const since = pane.since ? Date.parse(pane.since) : activity;
      for (const due of [activity + idle, Math.max(activity, since) + stuck]) {
        if (due > now) delay = Math.min(delay, due - now + 100);
      }
    }
    this.safetyTimer = setTimeout(
      () => {
        this.safetyTimer = null;
        void this.refreshPanes();
      },
      Math.max(SAFETY_MS.unwatched, delay),
    );
  }

  // When a pane entered its state: supervision's `since` when it has one, else the first refresh
  // that saw the state (an idle pane: its last output).
  private withSince(pane: DashPane): DashPane {
    if (pane.since) return pane;
    const seen = this.since.get(pane.id);
    if (seen && seen.state === pane.state) return { ...pane, since: seen.at };
    const at = seen || pane.state !== 'idle' ? new Date().toISOString() : pane.activity;
    this.since.set(pane.id, { state: pane.state, at });
    return { ...pane, since: at };
  }

  private rebuild(): void {
    const merged = sortDash(mergeDash(this.worktrees, this.panes, { all: this.options.all }));
    const rows = flattenRows(merged, this.state.filter);
    const visiblePanes = merged.flatMap((w) => w.panes);
    let selected = this.state.selected;
    const index = rows.findIndex((r) => r.key === selected);
    if (index < 0) {
      // The selected row went (a pane died, a filter hid it): the row now at its place.
      const row = rows[Math.min(this.lastIndex, rows.length - 1)] ?? null;
      selected = row ? row.key : null;
    }
    this.lastIndex = Math.max(
      0,
      rows.findIndex((r) => r.key === selected),
    );
    const changed = selected !== this.state.selected;
    this.set({ rows, selected, counts: stateCounts(visiblePanes) });
    if (this.options.trace) {
      for (const pane of visiblePanes) {
        if (this.traced.get(pane.id) === pane.state) continue;
        this.traced.set(pane.id, pane.state);
        this.pendingTrace.push(`${pane.id} ${pane.state}`);
      }
    }
    if (changed) void this.refreshPreview();
  }

  selectedRow(): DashRow | null {
    return this.state.rows.find((r) => r.key === this.state.selected) ?? null;
  }

  // A worktree heading stands for its first pane shown below it (the filter may hide others).
  private selectedPane(): DashPane | null {
    const { rows } = this.state;
    const index = rows.findIndex((r) => r.key === this.state.selected);
    const row = rows[index];
    if (!row) return null;
    if (row.kind === 'pane') return row.pane;
    const next = rows[index + 1];
    return next?.kind === 'pane' && next.worktree.path === row.worktree.path ? next.pane : null;
  }

  /** Re-reads the selected pane's screen; one capture at a time, one more if asked meanwhile. */
  async refreshPreview(): Promise<void> {
    if (this.previewRun.running) {
      this.previewRun.again = true;
      return;
    }
    this.previewRun.running = true;
    try {
      do {
        this.previewRun.again = false;
        const pane = this.selectedPane();
        if (!pane) {
          this.set({ preview: [], previewOf: null });
          continue;
        }
        try {
          const text = await previewPane(this.pots, pane.id);
          const lines = text.replace(/\n$/, '').split('\n');
          this.set({ preview: this.options.color ? lines : lines.map(plain), previewOf: pane.id });
        } catch {
          this.set({ preview: [`(pane ${pane.id} is gone)`], previewOf: pane.id });
        }
      } while (this.previewRun.again && !this.closed);
    } finally {
      this.previewRun.running = false;
    }
  }

  // --- keys -------------------------------------------------------------------------------------

  /** Handles one key press in the current mode. */
  onKey(key: KeyPress): void {
    // Esc then a key, typed quickly, reads as Alt+key: take it as the two keys it was.
    if (key.meta && !key.escape && key.input !== '') {
      this.onKey({ input: '', escape: true });
      this.onKey({ ...key, meta: false });
      return;
    }
    // Keys typed quickly arrive in one read ("\rworld", "feat\t"): take them one by one.
    if (key.input.length > 1 && /[\r\n\t\b\u007f]/.test(key.input) && !key.ctrl) {
      for (const part of key.input.split(/([\r\n\t\b\u007f])/)) {
        if (part === '') continue;
        if (part === '\r' || part === '\n') this.onKey({ input: '\r', return: true });
        else if (part === '\t') this.onKey({ input: '', tab: true });
        else if (part === '\b' || part === '\u007f') this.onKey({ input: '', backspace: true });
        else this.onKey({ input: part });
      }
      return;
    }
    // Several keys in one read, in a mode where each key is a command ("/alpha"): one at a time
    // until a text mode takes the rest as text.
    const typing =
      ['filter', 'send', 'new'].includes(this.state.mode) || this.state.confirm?.expect;
    if (!typing && key.input.length > 1 && !key.ctrl && !key.meta) {
      const [first = '', ...rest] = [...key.input];
      this.onKey({ input: first });
      if (rest.length > 0) this.onKey({ input: rest.join('') });
      return;
    }
    if (this.state.busy) {
      // Typed while an action runs: kept (a few) for when it is done, not lost.
      if (this.queued.length < 32) this.queued.push(key);
      return;
    }
    if (key.ctrl && key.input === 'c') {
      if (this.state.mode === 'list') return this.options.quit();
      return this.back();
    }
    switch (this.state.mode) {
      case 'list':
        return this.listKey(key);
      case 'filter':
        return this.filterKey(key);
      case 'send':
        return this.sendKey(key);
      case 'new':
        return this.newKey(key);
      case 'confirm':
      case 'remove':
        return this.confirmKey(key);
      case 'log':
      case 'help':
        if (key.escape || key.input === 'q' || this.state.mode === 'help') this.back();
        return;
    }
  }

  private back(): void {
    this.logAbort?.abort();
    this.logAbort = null;
    this.set({ mode: 'list', confirm: null, log: [] });
  }

  private move(delta: number): void {
    const { rows } = this.state;
    if (rows.length === 0) return;
    const index = rows.findIndex((r) => r.key === this.state.selected);
    const next = Math.max(0, Math.min(rows.length - 1, (index < 0 ? 0 : index) + delta));
    this.lastIndex = next;
    this.set({ selected: rows[next]!.key, message: null });
    void this.refreshPreview();
  }

  private listKey(key: KeyPress): void {
    const k = key.input;
    if (key.downArrow || k === 'j' || (key.tab && !key.shift)) return this.move(1);
    if (key.upArrow || k === 'k' || (key.tab && key.shift)) return this.move(-1);
    if (k === 'g') return this.move(-Infinity);
    if (k === 'G') return this.move(Infinity);
    if (key.escape || k === 'q') return this.options.quit();
    if (k === '?') return this.set({ mode: 'help' });
    if (k === '/') return this.set({ mode: 'filter' });
    if (key.return) return void this.enter();
    const pane = this.selectedPane();
    const row = this.selectedRow();
    if (k === 'N' || (k === 'n' && pane?.state !== 'waiting')) {
      return this.set({
        mode: 'new',
        form: { ...this.state.form, branch: '', prompt: '', field: 0 },
      });
    }
    if (k === 'r' && row) return void this.startRemove(row.worktree);
    if (!pane) {
      if ('sixKlyn'.includes(k) && k !== '') this.say('no pane selected', true);
      return;
    }
    if (k === 's') return this.set({ mode: 'send', editor: '' });
    if (k === 'y' || k === 'n') {
      if (pane.state !== 'waiting')
        return this.say(`${pane.id} is not waiting for an answer`, true);
      return this.act(`answered ${k} to ${pane.id}`, () => pressKeys(this.pots, pane.id, [k]));
    }
    if (k === 'i')
      return this.act(`sent C-c to ${pane.id}`, () => pressKeys(this.pots, pane.id, ['C-c']));
    if (k === 'x') return this.act('', () => stopPane(this.pots, pane.id));
    if (k === 'K') {
      return this.set({
        mode: 'confirm',
        confirm: {
          title: `Kill pane ${pane.id} — ${pane.name} in ${pane.session}:${pane.window}?`,
          lines: [
            'Its process gets SIGHUP; its output log is kept.',
            'y: kill it · any other key: cancel',
          ],
          expect: null,
          typed: '',
          run: async () => {
            await killPane(this.pots, pane.id);
            return `killed pane ${pane.id} (${pane.name})`;
          },
        },
      });
    }
    if (k === 'l') return this.startLog(pane);
  }

  private filterKey(key: KeyPress): void {
    if (key.escape) {
      this.set({ mode: 'list', filter: '' });
    } else if (key.return) {
      this.set({ mode: 'list' });
    } else if (key.backspace || key.delete) {
      this.set({ filter: this.state.filter.slice(0, -1) });
    } else if (isText(key)) {
      this.set({ filter: this.state.filter + key.input });
    } else return;
    this.rebuild();
  }

  private sendKey(key: KeyPress): void {
    if (key.escape) return this.set({ mode: 'list', editor: '' });
    if (key.ctrl && (key.input === 's' || key.input === 'd')) {
      const pane = this.selectedPane();
      const text = this.state.editor;
      this.set({ mode: 'list', editor: '' });
      if (!pane) return this.say('no pane selected', true);
      return this.act('', () => sendPrompt(this.pots, pane.id, text));
    }
    if (key.return) return this.set({ editor: `${this.state.editor}\n` });
    if (key.backspace || key.delete) return this.set({ editor: this.state.editor.slice(0, -1) });
    if (isText(key)) this.set({ editor: this.state.editor + key.input.replace(/\r/g, '\n') });
  }

  private newKey(key: KeyPress): void {
    const form = { ...this.state.form };
    const fields = ['branch', 'command', 'prompt'] as const;
    const name = fields[form.field];
    if (key.escape) return this.set({ mode: 'list' });
    const submit = (key.ctrl && key.input === 's') || (key.return && form.field === 2);
    if (submit) {
      this.set({ mode: 'list' });
      const command = form.command.trim().split(/\s+/).filter(Boolean);
      return this.act('', async () => {
        const line = await newWorktreeAgent(this.pots, {
          branch: form.branch,
          command,
          ...(form.prompt.trim() ? { prompt: form.prompt } : {}),
        });
        await this.refreshWorktrees();
        return line;
      });
    }
    if (key.return || key.tab) {
      form.field = ((form.field + (key.shift ? 2 : 1)) % 3) as 0 | 1 | 2;
    } else if (key.upArrow) {
      form.field = ((form.field + 2) % 3) as 0 | 1 | 2;
    } else if (key.downArrow) {
      form.field = ((form.field + 1) % 3) as 0 | 1 | 2;
    } else if (key.backspace || key.delete) {
      form[name] = form[name].slice(0, -1);
    } else if (isText(key)) {
      form[name] += key.input;
    } else return;
    this.set({ form });
  }

  private confirmKey(key: KeyPress): void {
    const confirm = this.state.confirm;
    if (!confirm) return this.back();
    if (confirm.expect === null) {
      this.set({ mode: 'list', confirm: null });
      if (key.input === 'y') this.act('', confirm.run);
      else this.say('cancelled');
      return;
    }
    if (key.escape) {
      this.set({ mode: 'list', confirm: null });
      return this.say('cancelled: nothing removed');
    }
    if (key.return) {
      this.set({ mode: 'list', confirm: null });
      if (confirm.typed === confirm.expect) this.act('', confirm.run);
      else this.say('cancelled: the name did not match, nothing removed');
      return;
    }
    if (key.backspace || key.delete) {
      return this.set({ confirm: { ...confirm, typed: confirm.typed.slice(0, -1) } });
    }
    if (isText(key)) this.set({ confirm: { ...confirm, typed: confirm.typed + key.input } });
  }

  // --- actions ----------------------------------------------------------------------------------

  /** Runs an action with the busy line shown, then shows its result (or its error). */
  private act(done: string, run: () => Promise<string | void>): void {
    this.set({ busy: 'working…', message: null });
    run().then(
      (line) => {
        this.set({ busy: null });
        this.say(typeof line === 'string' && line !== '' ? line : done);
        void this.refreshPanes();
        this.replay();
      },
      (error: unknown) => {
        this.set({ busy: null });
        this.say(messageAndHint(error), true);
        this.replay();
      },
    );
  }

  private replay(): void {
    const keys = this.queued;
    this.queued = [];
    for (const key of keys) this.onKey(key);
  }

  private async enter(): Promise<void> {
    const pane = this.selectedPane();
    if (!pane) return this.say('no pane here: n creates a worktree with an agent', true);
    try {
      const plan = await planGoTo(this.pots, pane.id, { interactive: true });
      if (plan.action === 'print') return this.say(plan.message, true);
      if (plan.action === 'switch') {
        await goTo(this.pots, plan);
        if (this.pots.env[DASH_POPUP_VAR]) return this.options.quit(); // the popup closes
        return this.say(`switched to ${pane.id} (${pane.session}:${pane.window})`);
      }
      await this.options.suspend(() => goTo(this.pots, plan));
      this.say(`back from ${pane.session}`);
      void this.refreshPanes();
    } catch (error) {
      this.say(messageAndHint(error), true);
    }
  }

  private async startRemove(worktree: DashWorktree): Promise<void> {
    if (worktree.orphan)
      return this.say(
        `${worktree.name}: its worktree is gone; pots cleanup removes what is left`,
        true,
      );
    this.set({ busy: `checking ${worktree.name}…` });
    let check: RemovalCheck;
    try {
      check = await checkRemoval(this.pots, worktree.path);
    } catch (error) {
      this.set({ busy: null });
      queueMicrotask(() => this.replay());
      return this.say(messageAndHint(error), true);
    }
    this.set({ busy: null });
    queueMicrotask(() => this.replay()); // after the view below is set
    if (check.worktree.isMain) return this.say('the main worktree is never removed', true);
    const where = check.inside
      ? ['You are inside it: the removal runs from the main worktree.']
      : [];
    const panes = worktree.panes.length
      ? [`Its ${worktree.panes.length} pane(s) are stopped and its session(s) killed.`]
      : [];
    const run = (force: boolean) => async () => {
      const result = await removeWorktree(this.pots, check, { force });
      await this.refreshWorktrees();
      return result.message;
    };
    if (check.risks.length === 0) {
      return this.set({
        mode: 'remove',
        confirm: {
          title: `Remove worktree ${worktree.name}? Nothing would be lost.`,
          lines: [...where, ...panes, 'y: remove · any other key: cancel'],
          expect: null,
          typed: '',
          run: run(false),
        },
      });
    }
    this.set({
      mode: 'remove',
      confirm: {
        title: `Refused: removing ${worktree.name} would lose work:`,
        lines: [
          ...formatRisks(check.risks, 8).map((line) =>
            sanitizeForTerminal(line, { multiline: false }),
          ),
          ...where,
          ...panes,
          `To remove it anyway (as --force), type its name "${worktree.name}" and Enter · Esc: keep it`,
        ],
        expect: worktree.name,
        typed: '',
        run: run(true),
      },
    });
  }

  private startLog(pane: DashPane): void {
    this.logAbort?.abort();
    const abort = new AbortController();
    this.logAbort = abort;
    this.set({ mode: 'log', log: [] });
    const sanitizer = createTerminalSanitizer({ keepSgr: this.options.color });
    let lines: string[] = []; // complete lines, as shown
    let partial = ''; // the line being written, as written
    const follow = async () => {
      for await (const event of followPane(this.pots, pane.id, abort.signal)) {
        if (abort.signal.aborted) return;
        if (event.type === 'exit') {
          if (partial !== '') lines.push(shownLine(partial));
          partial = '';
          lines.push(`— exited${event.exitCode === null ? '' : ` (${event.exitCode})`} —`);
        } else {
          const parts = (partial + sanitizer.write(event.data)).split('\n');
          partial = parts.pop() ?? '';
          // A progress bar redraws one line for ever: keep only what is shown of it.
          if (partial.length > 4096) partial = shownLine(partial);
          lines.push(...parts.map(shownLine));
        }
        if (lines.length > LOG_LINES) lines = lines.slice(-LOG_LINES);
        if (this.state.mode === 'log') this.set({ log: [...lines, shownLine(partial)] });
      }
    };
    follow().catch((error: unknown) => {
      if (!abort.signal.aborted) this.say(messageAndHint(error), true);
    });
  }
}

function isText(key: KeyPress): boolean {
  if (key.input === '' || key.ctrl) return false;
  // No control characters (LF aside): they are keys, not text.
  for (const char of key.input) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x0a) || code === 0x7f) return false;
  }
  return true;
}

/**
 * A log line as a terminal shows it: a carriage return moves back to its start, so only what
 * follows the last one is left (one that ends the line, as in CRLF, redraws nothing).
 */
function shownLine(line: string): string {
  const body = line.replace(/\r+$/, '');
  return body.slice(body.lastIndexOf('\r') + 1);
}

function plain(line: string): string {
  return sanitizeForTerminal(line, { multiline: false });
}

// The footer has one line for a failure, so the hint rides along (core's messageOf leaves it out).
function messageAndHint(error: unknown): string {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint !== '' ? `${error.message} (${hint})` : error.message;
  }
  return String(error);
}
