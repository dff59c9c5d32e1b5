// Trust for what a repository's config would run (hooks, template panes, plugins, a JS/TS config):
// its authors' code, run only after the user approved the exact set (reliability.md §6.4). Approvals
// live outside the repository, keyed by the real common-dir path and a hash of the commands, so a
// changed command, a new hook or an edited code config asks again.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { RefusedError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { reloadConfig, type PlumContext } from './context.js';

/** One thing the repository's config would run, as written in the file (never expanded). */
export interface TrustCommand {
  /** Key path in the config: `hooks.postCreate.0`, `plugins.1`, `pots.templates.dev.windows.0.panes.0`. */
  key: string;
  /** The command (or the plugin's module name), unexpanded. */
  command: string;
}

/** One approval in the store. */
export interface TrustEntry {
  /** sha256 of the sorted `key\0command` lines and the code config file's contents. */
  hash: string;
  /** What was approved, for `plum trust --list`. */
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
}

interface Store {
  version: 1;
  repos: Record<string, TrustEntry>;
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
 * What the repository's config would run and whether that exact set is approved. Runs nothing.
 * @example const { trusted, commands } = await trustStatus(ctx);
 */
export async function trustStatus(ctx: PlumContext): Promise<TrustStatus> {
  const subject = await describeSubject(ctx, await ctx.config());
  const storeFile = trustStoreFile(ctx.env);
  const entry = subject.needed ? (await readStore(storeFile)).repos[subject.repoKey] : undefined;
  return {
    trusted: !subject.needed || entry?.hash === subject.hash,
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
 * @example await ensureTrusted(ctx, { confirm: ui.isInteractive() ? ask : undefined });
 */
export async function ensureTrusted(
  ctx: PlumContext,
  options: EnsureTrustedOptions = {},
): Promise<void> {
  const subject = await describeSubject(ctx, await ctx.config());
  if (!subject.needed) return;
  const storeFile = trustStoreFile(ctx.env);
  if ((await readStore(storeFile)).repos[subject.repoKey]?.hash === subject.hash) return;

  const where = subject.file ?? 'the repository config';
  if (!options.confirm) {
    throw new RefusedError(
      'ERR_PLUM_UNTRUSTED',
      `${where} would run commands you have not approved; nothing was run`,
      { details: subject.details, hint: 'review them, then run: plum trust' },
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
      { details: subject.details, hint: 'review them, then run: plum trust' },
    );
  }
  await record(ctx, storeFile, subject);
}

/**
 * Approves what the repository's config runs now (`plum trust --yes`). Pass the `hash` of the
 * status the user reviewed: if the config changed since, it refuses (exit 4) instead of approving
 * something unseen. Returns the status after.
 * @example const shown = await trustStatus(ctx); (await approve(ctx, { hash: shown.hash })).trusted // true
 */
export async function approve(
  ctx: PlumContext,
  options: { hash?: string } = {},
): Promise<TrustStatus> {
  const subject = await describeSubject(ctx, await ctx.config());
  if (options.hash !== undefined && options.hash !== subject.hash) {
    throw new RefusedError(
      'ERR_PLUM_TRUST_CHANGED',
      `${subject.file ?? 'the repository config'} changed while it was being reviewed; nothing approved`,
      { details: subject.details, hint: 'review it again: plum trust' },
    );
  }
  const storeFile = trustStoreFile(ctx.env);
  if (subject.needed) await record(ctx, storeFile, subject);
  return trustStatus(ctx);
}

/**
 * Forgets this repository's approval. Returns whether there was one.
 * @example if (await revoke(ctx)) console.log('revoked');
 */
export async function revoke(ctx: PlumContext): Promise<boolean> {
  const repoKey = await realpathOr(ctx.repo.commonDir);
  const storeFile = trustStoreFile(ctx.env);
  let removed = false;
  await updateStore(storeFile, (store) => {
    removed = Object.hasOwn(store.repos, repoKey);
    delete store.repos[repoKey];
  });
  if (removed) reloadConfig(ctx);
  return removed;
}

/**
 * Every approval in the store, by repository (real common-dir path).
 * @example for (const { repo, file } of await listTrusted(process.env)) console.log(repo, file);
 */
export async function listTrusted(
  env: NodeJS.ProcessEnv,
): Promise<Array<TrustEntry & { repo: string }>> {
  const store = await readStore(trustStoreFile(env));
  return Object.entries(store.repos)
    .map(([repo, entry]) => ({ repo, ...entry }))
    .sort((a, b) => a.repo.localeCompare(b.repo));
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
  if (!entry) return false;
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
    const env = entry.env
      ? ` (env ${Object.entries(entry.env)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')})`
      : '';
    return `${entry.key}: ${label}${entry.command}${env}`;
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
  await updateStore(storeFile, (store) => {
    store.repos[subject.repoKey] = {
      hash: subject.hash,
      commands: subject.commands,
      file: subject.file,
      approvedAt: new Date().toISOString(),
    };
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
      if (isEntry(value)) out.repos[key] = value;
    }
    return out;
  } catch {
    return emptyStore();
  }
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
  // A null-prototype map: a common-dir path can never collide with Object.prototype's keys.
  return { version: 1, repos: Object.create(null) as Record<string, TrustEntry> };
}

/** Read-modify-write under a lock, so two plums approving two repositories keep both. */
async function updateStore(file: string, change: (store: Store) => void): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(file, {
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
