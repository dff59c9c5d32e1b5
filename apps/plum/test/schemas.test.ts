// The published JSON Schemas of plum's --json outputs: the committed files are what the zod
// schemas generate (run `pnpm --filter @plumpots/plum schemas` after changing them), each has a
// versioned $id, the zod schemas describe exactly the API's types, and the REAL output of every
// --json command of the built bin conforms — to the committed file and, field for field, to the
// zod schema (a field the schema does not declare fails the test).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from '@plumpots/core/schema';
import {
  gitRepo,
  runCli,
  validateJsonSchema as validate,
  type GitRepo,
} from '@plumpots/test-fixtures';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConfigOrigin } from '../src/api/config.js';
import type { DoctorReport } from '../src/api/doctor.js';
import type { InitResult } from '../src/api/init.js';
import type { PruneResult } from '../src/api/prune.js';
import type { RemoveResult } from '../src/api/remove.js';
import { OUTPUT_SCHEMAS, schemaFiles } from '../src/api/schemas.js';
import type {
  configOriginSchema,
  doctorSchema,
  initSchema,
  listSchema,
  pruneSchema,
  removeSchema,
  trustListSchema,
  trustRevokeSchema,
  trustSchema,
  worktreeSchema,
} from '../src/api/schemas.js';
import type { TrustEntry, TrustStatus } from '../src/api/trust.js';
import type { Worktree } from '../src/api/types.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
const committed = (file: string) =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;

/** `A & B` spelled as one object type (expectTypeOf tells the two apart). */
type Flat<T> = { [K in keyof T]: T[K] };

describe('schemas/*.json', () => {
  it('are what the zod schemas generate (pnpm --filter @plumpots/plum schemas)', () => {
    const files = schemaFiles();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files)) {
      expect(committed(file), `${file} is stale`).toEqual(JSON.parse(text));
    }
  });

  it('carry a versioned $id matching their file name, and cover every --json command', () => {
    for (const file of readdirSync(dir)) {
      const schema = committed(file) as { $id: string; $schema: string };
      expect(schema.$id).toBe(`https://plumpots.dev/schemas/plum/${file}`);
      expect(file).toMatch(/^[a-z-]+\.v[1-9]\d*\.json$/);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
    expect(OUTPUT_SCHEMAS.map((s) => s.name)).toEqual([
      'list',
      'create',
      'path',
      'remove',
      'prune',
      'config',
      'config-origin',
      'trust',
      'trust-list',
      'trust-revoke',
      'doctor',
      'init',
    ]);
  });

  it('describe exactly the types the API returns', () => {
    expectTypeOf<z.output<typeof worktreeSchema>>().toEqualTypeOf<Worktree>();
    expectTypeOf<z.output<typeof listSchema>>().toEqualTypeOf<Worktree[]>();
    expectTypeOf<z.output<typeof removeSchema>>().toEqualTypeOf<RemoveResult[]>();
    expectTypeOf<z.output<typeof pruneSchema>>().toEqualTypeOf<PruneResult>();
    expectTypeOf<z.output<typeof configOriginSchema>>().toEqualTypeOf<ConfigOrigin[]>();
    expectTypeOf<z.output<typeof trustSchema>>().toEqualTypeOf<TrustStatus>();
    expectTypeOf<z.output<typeof trustListSchema>>().toEqualTypeOf<
      Array<Flat<TrustEntry & { repo: string; set?: string }>>
    >();
    expectTypeOf<z.output<typeof trustRevokeSchema>>().toEqualTypeOf<{
      repo: string;
      revoked: boolean;
    }>();
    expectTypeOf<z.output<typeof doctorSchema>>().toEqualTypeOf<DoctorReport>();
    expectTypeOf<z.output<typeof initSchema>>().toEqualTypeOf<InitResult>();
  });
});

/** Checks one real output against its committed JSON Schema and its zod schema; returns it. */
function conforms(name: string, stdout: string): unknown {
  const entry = OUTPUT_SCHEMAS.find((s) => s.name === name)!;
  const json = JSON.parse(stdout) as unknown;
  expect(validate(committed(`${name}.v${entry.major}.json`), json), name).toEqual([]);
  // zod drops what it does not declare: equal means every printed field is in the schema.
  expect(entry.schema.parse(json), name).toEqual(json);
  return json;
}

function fixture() {
  const repo = gitRepo();
  repo.addOrigin();
  const merged = repo.worktree('merged', { newBranch: true });
  const busy = repo.worktree('busy', { newBranch: true });
  repo.commit('work', { 'work.txt': 'x\n' }, busy);
  writeFileSync(join(busy, 'scratch.txt'), 'untracked\n');
  const locked = repo.worktree('locked', { newBranch: true });
  repo.git(['worktree', 'lock', '--reason', 'usb disk', locked]);
  repo.worktree('HEAD', { detach: true, path: join(repo.root, 'wt', 'detached') });
  const gone = repo.worktree('gone', { newBranch: true });
  repo.commit('gone work', { 'g.txt': 'g\n' }, gone);
  rmSync(gone, { recursive: true, force: true });
  return { repo, merged, busy };
}

const cli = (repo: GitRepo, ...args: string[]) =>
  runCli('plum', args, { cwd: repo.path, env: repo.env });

describe('real --json output conforms', () => {
  it('list, create, path, remove (dry run and real), prune', async () => {
    const { repo } = fixture();
    const list = conforms('list', (await cli(repo, 'list', '--json')).stdout) as Worktree[];
    expect(list.map((w) => w.name)).toEqual([
      'repo',
      'busy',
      'detached',
      'gone',
      'locked',
      'merged',
    ]);
    expect(list.find((w) => w.name === 'busy')).toMatchObject({ untracked: 1, ahead: null });

    const created = await cli(repo, 'create', 'side', '--json');
    expect(created.exitCode).toBe(0);
    conforms('create', created.stdout);
    conforms('path', (await cli(repo, 'path', 'side', '--json')).stdout);

    const dry = await cli(repo, 'remove', 'busy', 'side', '--delete-branch', '--dry-run', '--json');
    expect(dry.exitCode).toBe(4); // busy refuses; the JSON is printed first
    const plan = conforms('remove', dry.stdout) as RemoveResult[];
    expect(plan.map((r) => [r.name, r.refused])).toEqual([
      ['busy', true],
      ['side', false],
    ]);
    expect(plan[0]!.risks.map((r) => r.kind)).toContain('untracked');

    const removed = await cli(repo, 'rm', 'side', '--delete-branch', '--yes', '--json');
    expect(removed.exitCode).toBe(0);
    expect(conforms('remove', removed.stdout)).toMatchObject([
      { removed: true, branchDeleted: true },
    ]);

    const prune = await cli(repo, 'prune', '--merged', '--dry-run', '--json');
    expect(prune.exitCode).toBe(0);
    const result = conforms('prune', prune.stdout) as PruneResult;
    expect(result.pruned.map((r) => r.name)).toEqual(['gone']);
    // `merged` never had a commit of its own: kept unless --force.
    expect(result.removed.map((r) => r.name)).toEqual([]);
    expect(result.skipped.map((s) => [s.name, s.reason]).sort()).toEqual([
      ['busy', 'not-merged'],
      ['detached', 'detached'],
      ['locked', 'at-risk'],
      ['merged', 'no-own-commits'],
    ]);
    const forced = await cli(repo, 'prune', '--merged', '--force', '--dry-run', '--json');
    expect(forced.exitCode).toBe(0);
    expect((conforms('prune', forced.stdout) as PruneResult).removed.map((r) => r.name)).toEqual([
      'merged',
    ]);
  });

  it('config, config --origin, init, doctor', async () => {
    const repo = gitRepo();
    const user = join(repo.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml');
    mkdirSync(dirname(user), { recursive: true });
    writeFileSync(user, 'worktrees:\n  copy: [".env", ".env.local"]\n');
    const env = { ...repo.env, POTS_SESSION_PREFIX: 'x-' };
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env });

    conforms('config', (await run('config', '--json')).stdout);
    const origins = conforms('config-origin', (await run('config', '--origin', '--json')).stdout);
    expect(origins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'worktrees.copy', source: 'user', file: user }),
        expect.objectContaining({ key: 'pots.prefix', source: 'env' }),
      ]),
    );
    const init = await run('init', '--json');
    expect(init.exitCode).toBe(0);
    conforms('init', init.stdout);
    const doctor = await run('doctor', '--json');
    expect(doctor.exitCode).toBe(0);
    conforms('doctor', doctor.stdout);
  });

  it('trust (approve, status), trust --list, trust --revoke', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["echo hi"]\n');
    const approved = await cli(repo, 'trust', '--yes', '--json');
    expect(approved.exitCode).toBe(0);
    expect(conforms('trust', approved.stdout)).toMatchObject({ trusted: true, needed: true });
    conforms('trust', (await cli(repo, 'trust', '--json')).stdout);
    const list = conforms('trust-list', (await cli(repo, 'trust', '--list', '--json')).stdout);
    expect(list).toHaveLength(1);
    const revoked = conforms(
      'trust-revoke',
      (await cli(repo, 'trust', '--revoke', '--json')).stdout,
    );
    expect(revoked).toMatchObject({ revoked: true });
  });
});
