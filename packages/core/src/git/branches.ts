// Questions about refs: does it exist, where does it point, what tracks what, what would be lost.
import { UsageError } from '../errors.js';
import { git, gitFailure } from './gateway.js';

/**
 * The full commit id `ref` names, or null when it names no commit. One git call.
 * @example await resolveRef('/repo', 'origin/main') // "3f2a…" (40 hex digits)
 */
export async function resolveRef(cwd: string, ref: string): Promise<string | null> {
  const result = await git(cwd).probe([
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]);
  if (result.exitCode === 0) return result.stdout.trim();
  if (result.exitCode === 1) return null;
  throw gitFailure(result);
}

/**
 * Whether `refs/heads/<name>` exists. One git call.
 * @example if (await localBranchExists('/repo', 'feat/login')) reuseIt();
 */
export async function localBranchExists(cwd: string, name: string): Promise<boolean> {
  const result = await git(cwd).probe(['show-ref', '--verify', '--quiet', `refs/heads/${name}`]);
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw gitFailure(result);
}

/**
 * Remote-tracking branches named `name`, as "remote/name" (e.g. ["origin/feat"]). One git call.
 * A remote whose own name contains "/" is not matched (refs alone cannot tell where it ends).
 * @example await remotesWithBranch('/repo', 'feat') // ["origin/feat", "upstream/feat"]
 */
export async function remotesWithBranch(cwd: string, name: string): Promise<string[]> {
  // Ref names cannot contain glob characters (*?[\), so `name` is matched literally.
  const out = await git(cwd).run(['for-each-ref', '--format=%(refname)', `refs/remotes/*/${name}`]);
  return lines(out)
    .filter((ref) => ref.endsWith(`/${name}`))
    .map((ref) => ref.slice('refs/remotes/'.length));
}

/**
 * The branch `refs/remotes/<remote>/HEAD` points to, e.g. "origin/main"; null when unset
 * (`git remote set-head origin --auto` sets it). One git call.
 * @example const base = (await defaultRemoteBranch('/repo')) ?? 'main';
 */
export async function defaultRemoteBranch(cwd: string, remote = 'origin'): Promise<string | null> {
  const result = await git(cwd).probe(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`]);
  if (result.exitCode === 0) return stripPrefix(result.stdout.trim(), 'refs/remotes/');
  if (result.exitCode === 1) return null; // no such ref, or not a symbolic one
  throw gitFailure(result);
}

/**
 * The branch checked out in the worktree at `cwd`; null when detached (also mid-rebase). One git call.
 * @example await currentBranch('/repo/wt/feat') // "feat"
 */
export async function currentBranch(cwd: string): Promise<string | null> {
  const result = await git(cwd).probe(['symbolic-ref', '--quiet', 'HEAD']);
  if (result.exitCode === 0) return stripPrefix(result.stdout.trim(), 'refs/heads/');
  if (result.exitCode === 1) return null;
  throw gitFailure(result);
}

/**
 * The configured upstream of local branch `branch`, e.g. "origin/feat" (or "main" for a local
 * upstream); null when it has none or does not exist. One git call.
 * @example await upstreamOf('/repo', 'main') // "origin/main"
 */
export async function upstreamOf(cwd: string, branch: string): Promise<string | null> {
  const ref = `refs/heads/${branch}`;
  // for-each-ref also matches `ref/…` below it, so keep the exact line only.
  const out = await git(cwd).run(['for-each-ref', '--format=%(refname)%00%(upstream)', ref]);
  for (const line of lines(out)) {
    const [name, upstream] = line.split('\0');
    if (name !== ref) continue;
    if (!upstream) return null;
    return stripPrefix(stripPrefix(upstream, 'refs/remotes/'), 'refs/heads/');
  }
  return null;
}

/**
 * Commits only on `a` (ahead) and only on `b` (behind). One git call.
 * @example await aheadBehind('/repo', 'feat', 'origin/feat') // { ahead: 2, behind: 0 }
 */
export async function aheadBehind(
  cwd: string,
  a: string,
  b: string,
): Promise<{ ahead: number; behind: number }> {
  const out = await git(cwd).run([
    'rev-list',
    '--left-right',
    '--count',
    '--end-of-options',
    `${a}...${b}`,
  ]);
  const [ahead, behind] = out.trim().split(/\s+/).map(Number);
  return { ahead: ahead ?? 0, behind: behind ?? 0 };
}

/**
 * Whether commit `a` is an ancestor of (or equal to) `b`. One git call.
 * @example if (await isAncestor('/repo', 'feat', 'main')) console.log('merged');
 */
export async function isAncestor(cwd: string, a: string, b: string): Promise<boolean> {
  const result = await git(cwd).probe(['merge-base', '--is-ancestor', '--end-of-options', a, b]);
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw gitFailure(result);
}

/**
 * Commits reachable from `rev` but from no branch, tag or remote-tracking ref: what removing a
 * detached worktree would orphan. Run it in that worktree. One git call.
 * @example await unreachableCommits('/repo/wt/detached') // ["9c1e…"]
 */
export async function unreachableCommits(cwd: string, rev = 'HEAD'): Promise<string[]> {
  // --end-of-options would turn the following --not into a revision, so guard the name instead.
  rejectOption('revision', rev);
  return lines(await git(cwd).run(['rev-list', rev, '--not', '--branches', '--tags', '--remotes']));
}

/**
 * Throws UsageError (exit 2) for a value git would read as an option. Internal to the git module.
 * @example rejectOption('revision', rev); await git(cwd).run(['rev-list', rev, '--not', '--branches']);
 */
export function rejectOption(what: string, value: string): void {
  if (value.startsWith('-')) {
    throw new UsageError(`invalid ${what}: ${value}`, {
      hint: `a ${what} may not start with "-"`,
    });
  }
}

function lines(out: string): string[] {
  return out.split('\n').filter((line) => line !== '');
}

function stripPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}
