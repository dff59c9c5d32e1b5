// Trust for what a repository's config would run (hooks, template panes, plugins, a JS/TS config):
// its authors' code, run only after the user approved the exact set (reliability.md §6.4). Approvals
// live outside the repository, keyed by the real common-dir path and a hash of the commands, so a
// changed command, a new hook or an edited code config asks again. A caller may have other named
// sets of the repository's commands approved the same way (pots: its `.pots/templates` files):
// they are stored under the repository's entry, by name, and revoked with it.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { PlumError, RefusedError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { reloadConfig, type PlumContext } from './context.js';
import { loadLockfile } from './lock.js';

/** One thing the repository's config would run, as written in the file (never expanded). */
export interface TrustCommand {
  /** Key path in the config: `hooks.postCreate.0`, `plugins.1`, `pots.templates.dev.windows.0.panes.0`. */
  key: string;
  /** The command (or the plugin's module name), unexpanded. */
  command: string;
}

/** One command of a named set: its `env` (a pane's variables) is part of what is approved. */
export interface TrustSetCommand extends TrustCommand {
  env?: Readonly<Record<string, string>> | undefined;
}

/**
 * A named set of a repository's commands approved apart from its config: pots's
 * `.pots/templates/<name>.yaml` files. One approval per `id` and repository (shared by worktrees
 * whose set is identical); any change to a command asks again.
 */
export interface TrustSet {
  /** Its name, the same from every worktree of the repository: `.pots/templates/dev.yaml`. */
  id: string;
  /** The file holding it, for messages and `plum trust --list`. */
  file: string | null;
  /** What it runs, as written (never expanded). */
  commands: readonly TrustSetCommand[];
  /** The command that approves it without a prompt, for the refusal's hint. */
  approveCommand: string;
  /** What messages call it (default: `file`, else `id`). */
  label?: string;
}

/** One approval in the store. */
export interface TrustEntry {
  /** sha256 of the sorted `key\0command` lines and the code config file's contents. */
  hash: string;
  /** What was approved, for `plum trust --list` (the hash covers pane variables too). */
  commands: TrustCommand[];
  /** The config file that held them. */
  file: string | null;
  /** ISO timestamp. */
  approvedAt: string;
}

export interface TrustStatus {
  /** Nothing to approve, or this exact set is approved. */
  trusted: boolean;
  /** The repository's config would run something. */
  needed: boolean;
  commands: TrustCommand[];
  /** The repository's config file (the JS/TS one when there is one). */
  file: string | null;
  /** The repository's JS/TS config, whose code is trusted as a whole (its exact bytes). */
  codeFile: string | null;
  /** One line per command (and the code file), as the prompt and the refusal show them. */
  details: string[];
  /** The hash an approval of exactly this set records. */
  hash: string;
  /** Where approvals are stored. */
  storeFile: string;
}

export interface EnsureTrustedOptions {
  /**
   * Does NOT approve: a `--yes` meant for "remove without asking" must not silently trust a
   * repository's hooks. Approving is `plum trust` (or `approve()`) alone.
   */
  yes?: boolean;
  /** Asks the user (only given when a terminal can answer); `details` lists every command. */
  confirm?: (message: string, details: string[]) => Promise<boolean>;
  /** Check this set of commands instead of the repository config's. */
  set?: TrustSet;
}

/**
 * A repository's approvals: its config's (the fields of TrustEntry, as version 1 stores always
 * had them) and its sets', by id. A repository with only sets approved has no config fields, which
 * an older plum reads as no approval at all (fail closed).
 */
type RepoRecord = Partial<TrustEntry> & { sets?: Record<string, TrustEntry> };

interface Store {
  version: 1;
  repos: Record<string, RepoRecord>;
}

interface Subject {
  repoKey: string;
  hash: string;
  commands: TrustCommand[];
  /** Lines shown to the user: the commands, then the code file. */
  details: string[];
  file: string | null;
  codeFile: string | null;
  needed: boolean;
  /** The set this is, or null for the repository config. */
  set: TrustSet | null;
}

/**
 * `$XDG_STATE_HOME/plum/trust.json` (default `~/.local/state/plum/trust.json`).
 * @example trustStoreFile(process.env) // '/home/me/.local/state/plum/trust.json'
 */
export function trustStoreFile(env: NodeJS.ProcessEnv): string {
  return join(plumStateDir(env), 'trust.json');
}

/**
 * `$XDG_STATE_HOME/plum` (a relative XDG_STATE_HOME is ignored, as the XDG spec says).
 * @example plumStateDir({ HOME: '/home/me' }) // '/home/me/.local/state/plum'
 */
export function plumStateDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'plum');
}

/**
 * What the repository's config (or `set`) would run and whether that exact set is approved. Runs
 * nothing.
 * @example const { trusted, commands } = await trustStatus(ctx);
 */
export async function trustStatus(
  ctx: PlumContext,
  options: { set?: TrustSet } = {},
): Promise<TrustStatus> {
  const subject = await subjectOf(ctx, options.set);
  const storeFile = trustStoreFile(ctx.env);
  const approved = subject.needed ? approvedHash(await readStore(storeFile), subject) : undefined;
  return {
    trusted: !subject.needed || approved === subject.hash,
    needed: subject.needed,
    commands: subject.commands,
    file: subject.file,
    codeFile: subject.codeFile,
    details: subject.details,
    hash: subject.hash,
    storeFile,
  };
}

/**
 * Returns when the repository's config runs nothing or the user approved exactly what it runs;
 * otherwise asks through `confirm` (a terminal) and records a yes, or throws RefusedError
 * ERR_PLUM_UNTRUSTED (exit 4) listing every command. Call it before running any hook or loading
 * plugins; afterwards call `ctx.config()` again, as a just-approved JS/TS config is loaded then.
 * With `set`, the same for that set of commands (the config is not looked at).
 * @example await ensureTrusted(ctx, { confirm: ui.isInteractive() ? ask : undefined });
 * @example await ensureTrusted(ctx, { set: { id: '.pots/templates/dev.yaml', file, commands, approveCommand: 'pots templates trust dev --yes' } });
 */
export async function ensureTrusted(
  ctx: PlumContext,
  options: EnsureTrustedOptions = {},
): Promise<void> {
  const subject = await subjectOf(ctx, options.set);
  if (!subject.needed) return;
  const storeFile = trustStoreFile(ctx.env);
  if (approvedHash(await readStore(storeFile), subject) === subject.hash) return;

  const where = subject.set
    ? (subject.set.label ?? subject.file ?? subject.set.id)
    : (subject.file ?? 'the repository config');
  const hint = `review them, then run: ${subject.set ? subject.set.approveCommand : 'plum trust'}`;
  if (!options.confirm) {
    throw new RefusedError(
      'ERR_PLUM_UNTRUSTED',
      `${where} would run commands you have not approved; nothing was run`,
      { details: subject.details, hint },
    );
  }
  const approved = await options.confirm(
    `${where} would run these commands. Trust them?`,
    subject.details,
  );
  if (!approved) {
    throw new RefusedError(
      'ERR_PLUM_UNTRUSTED',
      `not approved: the commands of ${where}; nothing was run`,
      { details: subject.details, hint },
    );
  }
  await record(ctx, storeFile, subject);
}

/**
 * Approves what the repository's config (or `set`) runs now (`plum trust --yes`). Pass the `hash`
 * of the status the user reviewed: if the commands changed since (for a set: read them again
 * before calling), it refuses (exit 4) instead of approving something unseen. Returns the status
 * after.
 * @example const shown = await trustStatus(ctx); (await approve(ctx, { hash: shown.hash })).trusted // true
 */
export async function approve(
  ctx: PlumContext,
  options: { hash?: string; set?: TrustSet } = {},
): Promise<TrustStatus> {
  const subject = await subjectOf(ctx, options.set);
  if (options.hash !== undefined && options.hash !== subject.hash) {
    const what = subject.set
      ? (subject.set.label ?? subject.file ?? subject.set.id)
      : (subject.file ?? 'the repository config');
    throw new RefusedError(
      'ERR_PLUM_TRUST_CHANGED',
      `${what} changed while it was being reviewed; nothing approved`,
      {
        details: subject.details,
        hint: subject.set
          ? `review it again, then run: ${subject.set.approveCommand}`
          : 'review it again: plum trust',
      },
    );
  }
  const storeFile = trustStoreFile(ctx.env);
  if (subject.needed) await record(ctx, storeFile, subject);
  return trustStatus(ctx, options.set ? { set: options.set } : {});
}

/**
 * Forgets this repository's approvals: its config's and every set's. Returns whether there was one.
 * @example if (await revoke(ctx)) console.log('revoked');
 */
export async function revoke(ctx: PlumContext): Promise<boolean> {
  const repoKey = await realpathOr(ctx.repo.commonDir);
  const storeFile = trustStoreFile(ctx.env);
  let removed = false;
  await updateStore(storeFile, 'forget this repository’s approvals', (store) => {
    removed = Object.hasOwn(store.repos, repoKey);
    delete store.repos[repoKey];
  });
  if (removed) reloadConfig(ctx);
  return removed;
}

/**
 * Every approval in the store, by repository (real common-dir path): a repository's config
 * approval first, then its sets' (with `set`, their id), by id.
 * @example for (const { repo, set, file } of await listTrusted(process.env)) console.log(repo, set ?? 'config', file);
 */
export async function listTrusted(
  env: NodeJS.ProcessEnv,
): Promise<Array<TrustEntry & { repo: string; set?: string }>> {
  const store = await readStore(trustStoreFile(env));
  const out: Array<TrustEntry & { repo: string; set?: string }> = [];
  for (const repo of Object.keys(store.repos).sort((a, b) => a.localeCompare(b))) {
    const record = store.repos[repo] ?? {};
    const config = configEntry(record);
    if (config) out.push({ repo, ...config });
    for (const id of Object.keys(record.sets ?? {}).sort()) {
      const entry = record.sets?.[id];
      if (entry) out.push({ repo, set: id, ...entry });
    }
  }
  return out;
}

/**
 * True when `codeFile` (the repository's JS/TS config) is approved as it is on disk now. Used by
 * the context before running it; reads the file, runs nothing.
 * @example if (await isCodeConfigTrusted(ctx, resolved.codeFile)) ...
 */
export async function isCodeConfigTrusted(
  ctx: Pick<PlumContext, 'repo' | 'env'>,
  codeFile: string,
): Promise<boolean> {
  const repoKey = await realpathOr(ctx.repo.commonDir);
  const entry = (await readStore(trustStoreFile(ctx.env))).repos[repoKey];
  if (entry?.hash === undefined) return false;
  return entry.hash === (await hashOf([], codeFile));
}

/**
 * A JS/TS repository config was found and not loaded (untrusted): its hooks, plugins and settings
 * are absent from `resolved`, so a command that would use them should call `ensureTrusted` first.
 * `repoCommands()` cannot list them, as they are only known once the code runs.
 * @example if (repoCommands(resolved).length > 0 || hasPendingCodeConfig(resolved)) await ensureTrusted(ctx, opts);
 */
export function hasPendingCodeConfig(resolved: ResolvedConfig): boolean {
  return resolved.codeFile !== null && resolved.files.repo !== resolved.codeFile;
}

// --- what is trusted ------------------------------------------------------------------------------

async function subjectOf(ctx: PlumContext, set: TrustSet | undefined): Promise<Subject> {
  return set ? describeSet(ctx, set) : describeSubject(ctx, await ctx.config());
}

async function describeSet(ctx: Pick<PlumContext, 'repo'>, set: TrustSet): Promise<Subject> {
  return {
    repoKey: await realpathOr(ctx.repo.commonDir),
    hash: await hashOf(set.commands, null),
    // As for the config: the variables are in the hash and the details, not in the stored list.
    commands: set.commands.map(({ key, command }) => ({ key, command })),
    details: set.commands.map((entry) => `${entry.key}: ${entry.command}${envText(entry.env)}`),
    file: set.file,
    codeFile: null,
    needed: set.commands.length > 0,
    set,
  };
}

/** The hash approved for the subject (the config's, or its set's), if any. */
function approvedHash(store: Store, subject: Subject): string | undefined {
  const record = store.repos[subject.repoKey];
  return subject.set ? record?.sets?.[subject.set.id]?.hash : record?.hash;
}

function envText(env: Readonly<Record<string, string>> | undefined): string {
  if (!env) return '';
  return ` (env ${Object.entries(env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')})`;
}

async function describeSubject(
  ctx: Pick<PlumContext, 'repo'>,
  resolved: ResolvedConfig,
): Promise<Subject> {
  const repoKey = await realpathOr(ctx.repo.commonDir);
  const { repoCommands } = await import('@plumpots/core/config');
  const all = repoCommands(resolved);
  const codeFile = resolved.codeFile;
  // Once a trusted code config is loaded, its commands are its output: approving the file (its
  // exact bytes) approved them, so they stay out of the hash, which matches before and after loading.
  const codeLoaded = codeFile !== null && !hasPendingCodeConfig(resolved);
  const hashed = codeLoaded ? [] : all;
  const commands = all.map(({ key, command }) => ({ key, command }));
  const details = all.map((entry) => {
    const label = entry.kind === 'plugin' ? 'plugin ' : '';
    return `${entry.key}: ${label}${entry.command}${envText(entry.env)}`;
  });
  if (codeFile && !codeLoaded) {
    details.push(`${codeFile}: JavaScript/TypeScript config, runs as code when loaded`);
  }
  return {
    repoKey,
    hash: await hashOf(hashed, codeFile),
    commands,
    details,
    file: codeFile ?? resolved.files.repo,
    codeFile,
    needed: all.length > 0 || codeFile !== null,
    set: null,
  };
}

async function hashOf(
  commands: ReadonlyArray<{
    key: string;
    command: string;
    env?: Readonly<Record<string, string>> | undefined;
  }>,
  codeFile: string | null,
): Promise<string> {
  const lines = commands
    .map(({ key, command, env }) => {
      const vars = env ? Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
      return vars.length > 0
        ? `${key}\u0000${command}\u0000${JSON.stringify(vars)}`
        : `${key}\u0000${command}`;
    })
    .sort();
  const hash = createHash('sha256').update(lines.join('\n'));
  if (codeFile !== null) {
    // A code config is trusted as a file (direnv's rule): its path and its exact bytes.
    hash.update(`\ncode\u0000${codeFile}\u0000`);
    hash.update(await readFile(codeFile).catch(() => Buffer.from('\u0000missing')));
  }
  return hash.digest('hex');
}

async function record(ctx: PlumContext, storeFile: string, subject: Subject): Promise<void> {
  await updateStore(storeFile, 'record your approval', (store) => {
    const entry: TrustEntry = {
      hash: subject.hash,
      commands: subject.commands,
      file: subject.file,
      approvedAt: new Date().toISOString(),
    };
    // Each kind of approval replaces only itself: the config's keeps the sets, a set the config's.
    const previous = store.repos[subject.repoKey];
    if (subject.set) {
      const sets = previous?.sets ?? nullMap<TrustEntry>();
      sets[subject.set.id] = entry;
      store.repos[subject.repoKey] = { ...previous, sets };
    } else {
      store.repos[subject.repoKey] = previous?.sets ? { ...entry, sets: previous.sets } : entry;
    }
  });
  // A JS/TS config is only loaded once trusted: the next ctx.config() loads it.
  if (subject.codeFile !== null) reloadConfig(ctx);
}

// --- the store ------------------------------------------------------------------------------------

async function readStore(file: string): Promise<Store> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore();
    throw error;
  }
  // An unreadable or foreign store approves nothing (fail closed): every repository asks again.
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return emptyStore();
    const repos = (parsed as { repos?: unknown }).repos;
    if (typeof repos !== 'object' || repos === null) return emptyStore();
    const out = emptyStore();
    for (const [key, value] of Object.entries(repos as Record<string, unknown>)) {
      const record = toRecord(value);
      if (record) out.repos[key] = record;
    }
    return out;
  } catch {
    return emptyStore();
  }
}

/**
 * A repository's approvals as read: the config's when its fields are whole, the sets that are
 * well-formed. Anything else approves nothing; unknown keys are dropped.
 */
function toRecord(value: unknown): RepoRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const config = isEntry(value) ? configEntry(value) : undefined;
  const sets = nullMap<TrustEntry>();
  const rawSets = (value as { sets?: unknown }).sets;
  if (typeof rawSets === 'object' && rawSets !== null) {
    for (const [id, entry] of Object.entries(rawSets as Record<string, unknown>)) {
      if (isEntry(entry)) sets[id] = configEntry(entry) as TrustEntry;
    }
  }
  const hasSets = Object.keys(sets).length > 0;
  if (!config && !hasSets) return null;
  return { ...config, ...(hasSets ? { sets } : {}) };
}

/** The config approval of a record (exactly the TrustEntry fields), if it has one. */
function configEntry(record: RepoRecord): TrustEntry | undefined {
  const { hash, commands, file, approvedAt } = record;
  if (hash === undefined || commands === undefined || file === undefined) return undefined;
  if (approvedAt === undefined) return undefined;
  return { hash, commands, file, approvedAt };
}

function isEntry(value: unknown): value is TrustEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.hash === 'string' &&
    Array.isArray(entry.commands) &&
    (entry.file === null || typeof entry.file === 'string') &&
    typeof entry.approvedAt === 'string'
  );
}

function emptyStore(): Store {
  return { version: 1, repos: nullMap<RepoRecord>() };
}

/** A null-prototype map: a common-dir path or set id never collides with Object.prototype's keys. */
function nullMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Read-modify-write under a lock, so two plums approving two repositories keep both. A store plum
 * cannot write (a read-only or foreign-owned state dir) fails with ERR_PLUM_STATE_UNWRITABLE
 * (exit 1) naming the file, what plum needed it for, and the fix.
 */
async function updateStore(
  file: string,
  purpose: string,
  change: (store: Store) => void,
): Promise<void> {
  try {
    await writeStore(file, change);
  } catch (error) {
    throw unwritable(error, file, purpose);
  }
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EEXIST']);

function unwritable(error: unknown, file: string, purpose: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !UNWRITABLE.has(code)) return error;
  const dir = join(file, '..');
  const why =
    code === 'EROFS'
      ? 'read-only file system'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'no space left'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a parent is not a directory'
          : 'permission denied';
  return new PlumError(
    'ERR_PLUM_STATE_UNWRITABLE',
    `cannot write ${file} (${why}, ${code}): plum needed it to ${purpose}; nothing was changed`,
    1,
    {
      hint: `make ${dir} a directory you can write (e.g. chmod u+w ${dir}), or point XDG_STATE_HOME at one`,
      cause: error,
    },
  );
}

async function writeStore(file: string, change: (store: Store) => void): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The lock would retry an unwritable dir for seconds before giving up: ask first.
  await access(dir, constants.W_OK);
  const release = await (
    await loadLockfile()
  ).lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    stale: 10_000,
    retries: { retries: 100, minTimeout: 10, maxTimeout: 100, factor: 1.2 },
  });
  try {
    const store = await readStore(file);
    change(store);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
      await chmod(temp, 0o600); // `mode` only applies when creating, through the umask
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  } finally {
    await release().catch(() => undefined);
  }
}

async function realpathOr(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}
