// Named sets in the trust store: a caller (pots, for a `.pots/templates` file) has a set of the
// repository's commands approved apart from its config — same store, same hash rule, listed and
// revoked with the repository — and version-1 stores written before sets existed still read.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPlumError, type PlumError } from '@plumpots/core';
import { gitRepo, runCli, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { trustListSchema } from '../src/api/schemas.js';
import {
  approve,
  ensureTrusted,
  listTrusted,
  revoke,
  trustStatus,
  trustStoreFile,
  type TrustSet,
} from '../src/api/trust.js';

const open = (repo: GitRepo, cwd = repo.path) => openRepo({ cwd, env: repo.env });

function devSet(repo: GitRepo, command = 'npm run dev', env?: Record<string, string>): TrustSet {
  return {
    id: '.pots/templates/dev.yaml',
    file: join(repo.path, '.pots', 'templates', 'dev.yaml'),
    label: 'the template "dev"',
    commands: [{ key: 'templates.dev.windows.0.panes.0', command, ...(env ? { env } : {}) }],
    approveCommand: 'pots templates trust dev --yes',
  };
}

async function refusal(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

const readStore = (repo: GitRepo) =>
  JSON.parse(readFileSync(trustStoreFile(repo.env), 'utf8')) as {
    version: number;
    repos: Record<string, Record<string, unknown>>;
  };

describe('ensureTrusted with a set', () => {
  it('refuses without a terminal (exit 4), naming the set and the command that approves it', async () => {
    const repo = gitRepo();
    const set = devSet(repo, 'npm run dev', { PORT: '3001' });
    const error = await refusal(ensureTrusted(await open(repo), { set }));
    expect(error.exitCode).toBe(4);
    expect(error.code).toBe('ERR_PLUM_UNTRUSTED');
    expect(error.message).toBe(
      'the template "dev" would run commands you have not approved; nothing was run',
    );
    expect(error.details).toEqual(['templates.dev.windows.0.panes.0: npm run dev (env PORT=3001)']);
    expect(error.hint).toBe('review them, then run: pots templates trust dev --yes');
    expect(existsSync(trustStoreFile(repo.env))).toBe(false);
  });

  it('records a yes; any change of a command or its env asks again', async () => {
    const repo = gitRepo();
    const asked: string[] = [];
    await ensureTrusted(await open(repo), {
      set: devSet(repo),
      confirm: (message) => {
        asked.push(message);
        return Promise.resolve(true);
      },
    });
    expect(asked).toEqual(['the template "dev" would run these commands. Trust them?']);
    await ensureTrusted(await open(repo), { set: devSet(repo) });
    expect(
      (await refusal(ensureTrusted(await open(repo), { set: devSet(repo, 'npm run dev ') })))
        .exitCode,
    ).toBe(4);
    const withEnv = devSet(repo, 'npm run dev', { LD_PRELOAD: '/tmp/x.so' });
    expect((await refusal(ensureTrusted(await open(repo), { set: withEnv }))).exitCode).toBe(4);
  });

  it('is apart from the config: neither approval stands for the other', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["make"]\n');
    await approve(await open(repo), { set: devSet(repo) });
    await ensureTrusted(await open(repo), { set: devSet(repo) });
    expect((await refusal(ensureTrusted(await open(repo)))).details).toEqual([
      'hooks.postCreate.0: make',
    ]);
    await approve(await open(repo));
    const other = { ...devSet(repo), id: '.pots/templates/other.yaml' };
    expect((await trustStatus(await open(repo), { set: other })).trusted).toBe(false);
  });

  it('a set with no commands needs nothing and writes nothing', async () => {
    const repo = gitRepo();
    const empty = { ...devSet(repo), commands: [] };
    await ensureTrusted(await open(repo), { set: empty });
    expect(await trustStatus(await open(repo), { set: empty })).toMatchObject({
      trusted: true,
      needed: false,
    });
    expect(existsSync(trustStoreFile(repo.env))).toBe(false);
  });

  it('approve refuses a set that changed since the status the user reviewed', async () => {
    const repo = gitRepo();
    const shown = await trustStatus(await open(repo), { set: devSet(repo) });
    const error = await refusal(
      approve(await open(repo), { hash: shown.hash, set: devSet(repo, 'rm -rf ~') }),
    );
    expect(error.code).toBe('ERR_PLUM_TRUST_CHANGED');
    expect(error.hint).toBe('review it again, then run: pots templates trust dev --yes');
    expect((await trustStatus(await open(repo), { set: devSet(repo, 'rm -rf ~') })).trusted).toBe(
      false,
    );
  });
});

describe('the store with sets', () => {
  it('keeps sets under the repository entry: each approval replaces only itself; revoke forgets all', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["make"]\n');
    const key = realpathSync(join(repo.path, '.git'));
    const zed = { ...devSet(repo, 'zed'), id: '.pots/templates/zed.yaml' };
    await approve(await open(repo), { set: zed });
    await approve(await open(repo), { set: devSet(repo) });
    await approve(await open(repo));
    await approve(await open(repo), { set: devSet(repo, 'npm start') });

    const store = readStore(repo);
    expect(store.version).toBe(1);
    expect(Object.keys(store.repos)).toEqual([key]);
    expect(store.repos[key]).toMatchObject({
      commands: [{ key: 'hooks.postCreate.0', command: 'make' }],
      file: join(repo.path, '.plumrc.yaml'),
      sets: {
        '.pots/templates/dev.yaml': {
          commands: [{ key: 'templates.dev.windows.0.panes.0', command: 'npm start' }],
          file: join(repo.path, '.pots', 'templates', 'dev.yaml'),
        },
        '.pots/templates/zed.yaml': expect.any(Object) as unknown,
      },
    });

    const list = await listTrusted(repo.env);
    expect(list.map((e) => [e.repo, e.set, e.commands[0]?.command])).toEqual([
      [key, undefined, 'make'],
      [key, '.pots/templates/dev.yaml', 'npm start'],
      [key, '.pots/templates/zed.yaml', 'zed'],
    ]);
    // What `plum trust --list --json` prints is exactly what its schema declares.
    expect(trustListSchema.parse(JSON.parse(JSON.stringify(list)))).toEqual(list);

    expect(await revoke(await open(repo))).toBe(true);
    expect(await listTrusted(repo.env)).toEqual([]);
    expect((await trustStatus(await open(repo), { set: zed })).trusted).toBe(false);
  });

  it('reads a version-1 store written before sets, and drops malformed sets (fail closed)', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["make"]\n');
    const key = realpathSync(join(repo.path, '.git'));
    const { hash } = await trustStatus(await open(repo));
    const file = trustStoreFile(repo.env);
    mkdirSync(dirname(file), { recursive: true });
    const old = {
      hash,
      commands: [{ key: 'hooks.postCreate.0', command: 'make' }],
      file: join(repo.path, '.plumrc.yaml'),
      approvedAt: '2026-01-01T00:00:00.000Z',
    };
    writeFileSync(file, JSON.stringify({ version: 1, repos: { [key]: old } }));
    expect((await trustStatus(await open(repo))).trusted).toBe(true);
    expect(await listTrusted(repo.env)).toEqual([{ repo: key, ...old }]);

    // A set whose hash is not a string approves nothing; the config approval next to it stands.
    const setHash = (await trustStatus(await open(repo), { set: devSet(repo) })).hash;
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        repos: {
          [key]: {
            ...old,
            sets: {
              '.pots/templates/dev.yaml': { hash: 7, commands: [], file: null, approvedAt: 'x' },
            },
          },
        },
      }),
    );
    expect((await trustStatus(await open(repo))).trusted).toBe(true);
    expect((await trustStatus(await open(repo), { set: devSet(repo) })).trusted).toBe(false);
    expect(setHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('`plum trust --list` shows a set with what it approves; --json adds its id', async () => {
    const repo = gitRepo();
    await approve(await open(repo), { set: devSet(repo) });
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env: repo.env });
    const human = await run('trust', '--list');
    expect(human.stdout).toMatch(/^REPOSITORY\s+APPROVES\s+FILE\s+COMMANDS\s+APPROVED/);
    expect(human.stdout).toMatch(/\.pots\/templates\/dev\.yaml\s+\S+dev\.yaml\s+1\s/);
    const json = JSON.parse((await run('trust', '--list', '--json')).stdout) as unknown[];
    expect(json).toEqual([
      expect.objectContaining({
        repo: realpathSync(join(repo.path, '.git')),
        set: '.pots/templates/dev.yaml',
      }),
    ]);
    // `plum trust` itself is about the config: with no config commands, nothing to trust.
    expect((await run('trust')).stderr).toContain('nothing to trust');
  });
});
