// The published JSON Schemas of pots's --json outputs: the committed files are what the zod
// schemas generate (run `pnpm --filter @plumpots/pots schemas` after changing them), each has a
// versioned $id, every command with a --json flag has one, the zod schemas describe exactly the
// API's types, and the REAL output of every --json command of the built bin conforms — to the
// committed file and, field for field, to the zod schema (a field the schema does not declare fails
// the test). Every schema is exercised below and listed in the README.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { z } from '@plumpots/core/schema';
import { retryUntil, validateJsonSchema } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { BroadcastTarget } from '../src/agents/broadcast.js';
import type { ManagedPane } from '../src/agents/ps.js';
import type { PaneStreamEvent } from '../src/agents/stream.js';
import type { WaitResult } from '../src/agents/wait.js';
import type { SpawnResult } from '../src/api/agents.js';
import type { SpawnCreateResult } from '../src/api/spawn-create.js';
import type { AttachPlan } from '../src/api/attach.js';
import type { CleanupEntry, StaleLogEntry } from '../src/api/cleanup.js';
import type { OpenResult } from '../src/api/create.js';
import type { DoctorReport } from '../src/api/doctor.js';
import type { UnitInfo } from '../src/api/info.js';
import { OUTPUT_SCHEMAS, schemaFiles } from '../src/api/schemas.js';
import type {
  applySchema,
  attachSchema,
  broadcastSchema,
  captureSchema,
  cleanupSchema,
  cleanupStaleLogsSchema,
  doctorSchema,
  infoSchema,
  listSchema,
  listWorktreesSchema,
  logsSchema,
  openSchema,
  psSchema,
  spawnCreateSchema,
  spawnSchema,
  templatesSchema,
  templatesShowSchema,
  templatesTrustSchema,
  unitSchema,
  waitSchema,
} from '../src/api/schemas.js';
import type { Unit } from '../src/api/units.js';
import type { WorktreeUnits } from '../src/api/worktree-overview.js';
import { createProgram } from '../src/cli.js';
import type { templateJson, templateTrustJson } from '../src/cli/templates.js';
import type { ApplyToSessionResult } from '../src/api/templates.js';
import type { Template, TemplateCommand } from '../src/templates/index.js';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
const committed = (file: string) =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;

/** A type as JSON.stringify prints it: Dates become strings, readonly goes. */
type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Json<T[K]> }
      : T;

/** The command path of a schema's command line: `pots templates show --json` → `templates show`. */
const commandPath = (line: string) =>
  line
    .split(' ')
    .slice(1)
    .filter((word) => !word.startsWith('-'))
    .join(' ');

/** Every command of the program with a `--json` flag, by path, with its flags. */
function jsonCommands(command: Command, prefix: string[] = []): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const sub of command.commands) {
    const path = [...prefix, sub.name()];
    const flags = sub.options.map((option) => option.long ?? '');
    if (flags.includes('--json')) found.set(path.join(' '), flags);
    for (const [key, value] of jsonCommands(sub, path)) found.set(key, value);
  }
  return found;
}

describe('schemas/*.json', () => {
  it('are what the zod schemas generate (pnpm --filter @plumpots/pots schemas)', () => {
    const files = schemaFiles();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files)) {
      expect(committed(file), `${file} is stale`).toEqual(JSON.parse(text));
    }
  });

  it('carry a versioned $id matching their file name', () => {
    expect(readdirSync(dir)).toHaveLength(OUTPUT_SCHEMAS.length);
    for (const file of readdirSync(dir)) {
      const schema = committed(file) as { $id: string; $schema: string };
      expect(schema.$id).toBe(`https://plumpots.dev/schemas/pots/${file}`);
      expect(file).toMatch(/^[a-z-]+\.v[1-9]\d*\.json$/);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('cover every command that has a --json flag, and name only real flags', async () => {
    const commands = jsonCommands(await createProgram());
    // A command given --json without a schema (or a schema for a command without one) fails here.
    expect([...new Set(OUTPUT_SCHEMAS.map((s) => commandPath(s.command)))].sort()).toEqual(
      [...commands.keys()].sort(),
    );
    for (const { command } of OUTPUT_SCHEMAS) {
      const flags = command.split(' ').filter((word) => word.startsWith('-'));
      expect(flags).toContain('--json');
      for (const flag of flags) {
        expect(commands.get(commandPath(command)), command).toContain(flag);
      }
    }
  });

  it('are each validated against real output below, and listed in docs/sessions.md', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const tested = new Set(
      [...source.matchAll(/conforms\b[^(]*\(\s*'([a-z-]+)'/g)].map((m) => m[1]),
    );
    const readme = readmeText();
    for (const { name, major, command } of OUTPUT_SCHEMAS) {
      expect(tested, `no test checks ${name}`).toContain(name);
      const file = `${name}.v${major}.json`;
      expect(readme, `docs/sessions.md does not list ${file}`).toContain(`\`${file}\``);
      expect(readme).toContain(`\`https://plumpots.dev/schemas/pots/${file}\``);
      expect(readme).toContain(`\`${command}\``);
    }
  });

  it('describe exactly the types the API returns', () => {
    expectTypeOf<z.output<typeof unitSchema>>().toEqualTypeOf<Unit>();
    expectTypeOf<z.output<typeof listSchema>>().toEqualTypeOf<Unit[]>();
    expectTypeOf<z.output<typeof listWorktreesSchema>>().toEqualTypeOf<Json<WorktreeUnits[]>>();
    expectTypeOf<z.output<typeof infoSchema>>().toEqualTypeOf<Json<UnitInfo>>();
    expectTypeOf<z.output<typeof openSchema>>().toEqualTypeOf<
      Json<OpenResult & Pick<AttachPlan, 'action' | 'command'>>
    >();
    expectTypeOf<z.output<typeof attachSchema>>().toEqualTypeOf<
      Json<{ unit: Unit } & Pick<AttachPlan, 'action' | 'command'>>
    >();
    expectTypeOf<z.output<typeof cleanupSchema>>().toEqualTypeOf<CleanupEntry[]>();
    expectTypeOf<z.output<typeof cleanupStaleLogsSchema>>().toEqualTypeOf<StaleLogEntry[]>();
    expectTypeOf<z.output<typeof applySchema>>().toEqualTypeOf<Json<ApplyToSessionResult>>();
    type TemplateJson = ReturnType<typeof templateJson>;
    expectTypeOf<z.output<typeof templatesSchema>>().toEqualTypeOf<Json<TemplateJson[]>>();
    expectTypeOf<z.output<typeof templatesShowSchema>>().toEqualTypeOf<
      Json<
        Omit<TemplateJson, 'windows'> & {
          options: NonNullable<Template['options']>;
          windows: Template['windows'];
          commands: TemplateCommand[];
        }
      >
    >();
    // `commands` is the template's (with env) or the config's (key and command): either fits.
    type TrustJson = ReturnType<typeof templateTrustJson>;
    expectTypeOf<TrustJson['commands']>().toExtend<TemplateCommand[]>();
    expectTypeOf<z.output<typeof templatesTrustSchema>>().toEqualTypeOf<
      Json<Omit<TrustJson, 'commands'> & { commands: TemplateCommand[] }>
    >();
    expectTypeOf<z.output<typeof spawnSchema>>().toEqualTypeOf<Json<SpawnResult>>();
    expectTypeOf<z.output<typeof spawnCreateSchema>>().toEqualTypeOf<Json<SpawnCreateResult[]>>();
    expectTypeOf<z.output<typeof broadcastSchema>>().toEqualTypeOf<BroadcastTarget[]>();
    expectTypeOf<z.output<typeof captureSchema>>().toEqualTypeOf<{
      paneId: string;
      target: string;
      text: string;
    }>();
    expectTypeOf<z.output<typeof logsSchema>>().toEqualTypeOf<Json<PaneStreamEvent>>();
    expectTypeOf<z.output<typeof psSchema>>().toEqualTypeOf<Json<ManagedPane[]>>();
    expectTypeOf<z.output<typeof waitSchema>>().toEqualTypeOf<WaitResult>();
    expectTypeOf<z.output<typeof doctorSchema>>().toEqualTypeOf<DoctorReport>();
  });
});

/**
 * The README's pots schema table: README.md once the part is merged into it, until then the part
 * (docs/readme/pots-schemas.md).
 */
function readmeText(): string {
  // The table of schemas moved with the rest of the sessions reference into docs/sessions.md.
  return readFileSync(fileURLToPath(new URL('../../../docs/sessions.md', import.meta.url)), 'utf8');
}

/** Checks one real output (one line, for JSON Lines) against its committed JSON Schema and its zod schema. */
function conforms<T>(name: string, stdout: string): T {
  const entry = OUTPUT_SCHEMAS.find((s) => s.name === name)!;
  const json = JSON.parse(stdout) as unknown;
  expect(validateJsonSchema(committed(`${name}.v${entry.major}.json`), json), name).toEqual([]);
  // zod drops what it does not declare: equal means every printed field is in the schema.
  expect(entry.schema.parse(json), name).toEqual(json);
  return json as T;
}

const lines = (stdout: string) => stdout.split('\n').filter((line) => line !== '');

describe('real --json output conforms', () => {
  let f: PotsFixture;
  let feat: string;

  beforeAll(() => {
    f = potsFixture();
    f.env.POTS_DATA_DIR = join(f.repo.path, '..', 'pots-data');
    feat = f.repo.worktree('feat', { newBranch: true });
  });
  afterAll(() => f.done());

  it('create, open, attach, list (--all, --worktrees), info, doctor', async () => {
    const unit = conforms<Unit>('create', (await f.pots(['create', 'feat', '--json'])).stdout);
    expect(unit).toMatchObject({ name: 'repo-feat-dev', path: feat, managed: true });

    // No terminal: open and attach only print how to attach (action "print"), exit 0.
    const opened = await f.pots(['open', 'feat', '--json']);
    expect(opened.exitCode, opened.stderr).toBe(0);
    expect(conforms('open', opened.stdout)).toMatchObject({
      unit: { name: 'repo-feat-dev' },
      created: false,
      action: 'print',
    });
    const fresh = await f.pots(['open', 'main', 'review', '--json']);
    expect(fresh.exitCode, fresh.stderr).toBe(0);
    expect(conforms('open', fresh.stdout)).toMatchObject({ created: true });
    const attached = await f.pots(['attach', 'repo-feat-dev', '--json']);
    expect(attached.exitCode, attached.stderr).toBe(0);
    expect(conforms('attach', attached.stdout)).toMatchObject({
      unit: { id: unit.id },
      action: 'print',
    });

    f.server.tmux(['new-session', '-d', '-s', 'not-pots', '-c', feat]);
    const units = conforms<Unit[]>('list', await f.ok(['list', '--json']));
    expect(units.map((u) => u.name).sort()).toEqual(['repo-feat-dev', 'repo-repo-review']);
    const all = conforms<Unit[]>('list', await f.ok(['list', '--all', '--json']));
    expect(all.find((u) => u.name === 'not-pots')).toMatchObject({ managed: false, task: null });
    const rows = conforms<WorktreeUnits[]>(
      'list-worktrees',
      await f.ok(['list', '--worktrees', '--json']),
    );
    expect(rows.map((r) => [r.worktree.name, r.units.map((u) => u.name)])).toEqual([
      ['repo', ['repo-repo-review']],
      ['feat', ['repo-feat-dev']],
    ]);

    const info = conforms<UnitInfo>('info', await f.ok(['info', 'repo-feat-dev', '--json']));
    expect(info.windows[0]!.panes[0]!.id).toMatch(/^%\d+$/);
    const doctor = conforms<DoctorReport>('doctor', await f.ok(['doctor', '--json']));
    expect(doctor.checks.map((c) => c.id)).toContain('tmux');
  });

  it('cleanup (orphans), cleanup --stale-logs', async () => {
    const gone = f.repo.worktree('gone', { newBranch: true });
    await f.ok(['create', 'gone']);
    rmSync(gone, { recursive: true, force: true });
    f.repo.git(['worktree', 'prune']);
    const dry = conforms<CleanupEntry[]>(
      'cleanup',
      await f.ok(['cleanup', '--dry-run', '--json', '--min-age', '0']),
    );
    expect(dry.map((e) => [e.name, e.reason, e.action])).toEqual([
      ['repo-gone-dev', 'directory-missing', 'would-kill'],
    ]);
    const skipped = conforms<CleanupEntry[]>(
      'cleanup',
      await f.ok(['cleanup', '--yes', '--json', '--min-age', '3600']),
    );
    expect(skipped[0]!.note).toMatch(/3600/);

    const logs = join(f.env.POTS_DATA_DIR!, 'logs', 'repo-old-dev');
    mkdirSync(logs, { recursive: true });
    const old = join(logs, 'job-3-2020-01-01T00-00-00-000Z.log');
    writeFileSync(old, 'old output\n');
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    utimesSync(old, monthAgo, monthAgo);
    const stale = conforms<StaleLogEntry[]>(
      'cleanup-stale-logs',
      await f.ok(['cleanup', '--stale-logs', '7', '--dry-run', '--json']),
    );
    expect(stale).toMatchObject([{ path: old, action: 'would-remove', bytes: 11 }]);
  });

  it('templates, templates show, templates trust, apply', async () => {
    // A user template that shadows a built-in and uses every optional key.
    const templates = join(f.env.XDG_CONFIG_HOME!, 'pots', 'templates');
    mkdirSync(templates, { recursive: true });
    writeFileSync(
      join(templates, 'development.yaml'),
      [
        'description: mine',
        'options: { status-left: "pots" }',
        'windows:',
        '  - name: code',
        '    layout: main-vertical',
        '    cwd: .',
        '    env: { MODE: dev }',
        '    focus: true',
        '    options: { synchronize-panes: "off" }',
        '    panes:',
        '      - { command: "echo code", title: editor, focus: true, env: { X: "1" }, cwd: . }',
        '      - ""',
        '',
      ].join('\n'),
    );
    const list = conforms<Array<{ name: string; source: string; shadows: unknown[] }>>(
      'templates',
      await f.ok(['templates', '--json']),
    );
    expect(list.find((t) => t.name === 'development')).toMatchObject({
      source: 'user',
      shadows: [{ source: 'builtin', origin: null, file: null }],
    });
    const shown = conforms<{ windows: Array<{ panes: unknown[] }>; commands: unknown[] }>(
      'templates-show',
      await f.ok(['templates', 'show', 'development', '--json']),
    );
    expect(shown.windows[0]!.panes).toHaveLength(2);
    expect(shown.commands).toHaveLength(2); // the window's env reaches both panes
    const builtin = await f.ok(['templates', 'show', 'agent', '--json']);
    conforms('templates-show', builtin);

    // A repository's template: approved by `templates trust`; a built-in needs no approval.
    mkdirSync(join(f.repo.path, '.pots', 'templates'), { recursive: true });
    writeFileSync(
      join(f.repo.path, '.pots', 'templates', 'repo-tpl.yaml'),
      'windows: [{ name: main, panes: ["echo repo"] }]\n',
    );
    const trusted = conforms<{ via: string; trusted: boolean; commands: unknown[] }>(
      'templates-trust',
      await f.ok(['templates', 'trust', 'repo-tpl', '--yes', '--json']),
    );
    expect(trusted).toMatchObject({ via: 'file', trusted: true, needed: true, source: 'repo' });
    expect(trusted.commands).toEqual([
      { key: 'templates.repo-tpl.windows.0.panes.0', command: 'echo repo' },
    ]);
    expect(
      conforms('templates-trust', await f.ok(['templates', 'trust', 'agent', '--json'])),
    ).toMatchObject({ via: 'none', trusted: true, hash: null });

    await f.ok(['create', 'feat', 'tpl']);
    const applied = conforms<{ added: unknown[]; claimed: string[] }>(
      'apply',
      await f.ok(['apply', 'repo-feat-tpl', '-t', 'development', '--json']),
    );
    expect(applied.added).toMatchObject([
      { window: 'code', pane: 0, kind: 'window' },
      { window: 'code', pane: 1, kind: 'pane' },
    ]);
    const again = conforms<{ added: unknown[] }>(
      'apply',
      await f.ok(['apply', 'repo-feat-tpl', '-t', 'development', '--json']),
    );
    expect(again.added).toEqual([]);
  });

  it('spawn, ps, wait (exit, text, idle), logs, capture, broadcast', async () => {
    const job = conforms<SpawnResult>(
      'spawn',
      await f.ok([
        'spawn',
        'feat',
        '--task',
        'agents',
        '--name',
        'job',
        '--json',
        '--',
        'sh',
        '-c',
        'read x; echo "got $x"; exit 3',
      ]),
    );
    expect(job).toMatchObject({ name: 'job', split: null, unitCreated: true });
    const running = conforms<Json<ManagedPane[]>>('ps', await f.ok(['ps', '--json']));
    expect(running.find((p) => p.id === job.id)).not.toHaveProperty('exitCode');

    const waiting = f.pots(['wait', job.id, '--exit', '--json']);
    await retryUntil(() => existsSync(job.log));
    await f.ok(['send', job.id, 'bye']);
    const waited = await waiting;
    expect(waited.exitCode).toBe(3);
    expect(conforms('wait', waited.stdout)).toEqual({
      reason: 'exit',
      paneId: job.id,
      exitCode: 3,
      signal: null,
    });
    const exited = conforms<Json<ManagedPane[]>>('ps', await f.ok(['ps', '--json']));
    expect(exited.find((p) => p.id === job.id)).toMatchObject({ state: 'exited', exitCode: 3 });

    const output = lines(await f.ok(['logs', job.id, '--json']));
    expect(output.length).toBeGreaterThan(0);
    for (const line of output) conforms('logs', line);
    const follow = await f.pots(['logs', job.id, '-f', '--since-start', '--json']);
    expect(follow.exitCode).toBe(3); // the pane's
    const followed = lines(follow.stdout).map((line) =>
      conforms<Json<PaneStreamEvent>>('logs', line),
    );
    expect(followed.at(-1)).toMatchObject({ type: 'exit', exitCode: 3, data: '' });
    expect(followed.some((e) => e.type === 'output' && e.data.includes('got bye'))).toBe(true);

    const echo = conforms<SpawnResult>(
      'spawn',
      await f.ok([
        'spawn',
        'feat',
        '--task',
        'agents',
        '--split',
        'v',
        '--json',
        '--',
        'sh',
        '-c',
        'while read x; do echo "reply: $x"; done',
      ]),
    );
    expect(echo).toMatchObject({ split: 'v', unitCreated: false });
    await f.ok(['send', echo.id, 'hello']);
    const text = conforms<WaitResult>(
      'wait',
      await f.ok(['wait', echo.id, '--text', 'reply: \\w+', '--timeout', '20', '--json']),
    );
    expect(text).toEqual({ reason: 'text', paneId: echo.id, match: 'reply: hello' });
    const idle = conforms<WaitResult>(
      'wait',
      await f.ok(['wait', echo.id, '--idle', '0.2', '--timeout', '20', '--json']),
    );
    expect(idle).toEqual({ reason: 'idle', paneId: echo.id });

    const captured = conforms<{ text: string }>(
      'capture',
      await f.ok(['capture', echo.id, '--json']),
    );
    expect(captured.text).toContain('reply: hello');

    // The dead job is skipped (exit 1), the live pane gets it.
    const sent = await f.pots(['broadcast', 'again', '--filter', 'repo-feat-agents', '--json']);
    expect(sent.exitCode, sent.stderr).toBe(1);
    const report = conforms<BroadcastTarget[]>('broadcast', sent.stdout);
    expect(report.map((r) => [r.pane, r.delivered, r.reason]).sort()).toEqual(
      [
        [job.id, false, 'dead'],
        [echo.id, true, undefined],
      ].sort(),
    );
  });

  it('report, status-line, stop, hooks install', async () => {
    const agent = conforms<SpawnResult>(
      'spawn',
      await f.ok(['spawn', 'feat', '--name', 'claude', '--json', '--', 'sh', '-c', 'sleep 600']),
    );
    const made = conforms<unknown[]>(
      'spawn-create',
      await f.ok(['spawn', '--create', 'schema-made', '--json', '--', 'sh', '-c', 'sleep 600']),
    );
    expect(made).toHaveLength(1);
    const reported = conforms<{ recorded: boolean; previous: string | null }>(
      'report',
      await f.ok(['report', 'waiting', '--pane', agent.id, '--agent', 'claude', '--json']),
    );
    expect(reported).toMatchObject({ recorded: true, previous: null });
    const line = conforms<{ text: string }>('status-line', await f.ok(['status-line', '--json']));
    expect(line.text).toBe('1 waiting (repo-feat-dev)');
    const rows = conforms<Json<ManagedPane[]>>('ps', await f.ok(['ps', '--json']));
    expect(rows.find((r) => r.id === agent.id)).toMatchObject({
      state: 'waiting',
      agent: 'claude',
      spawned: true,
    });
    const stopped = conforms<{ endedBy: string }>(
      'stop',
      await f.ok(['stop', agent.id, '--grace', '5', '--json']),
    );
    expect(stopped.endedBy).toBe('SIGINT');
    const hooks = conforms<{ file: string; changed: boolean }>(
      'hooks-install',
      await f.ok(['hooks', 'install', 'gemini', '--worktree', 'feat', '--print', '--json']),
    );
    expect(hooks).toMatchObject({ file: join(feat, '.gemini/settings.json'), changed: false });
  });
});
