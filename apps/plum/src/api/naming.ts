// Where a new worktree goes: the `worktrees.dir` template, expanded and made absolute.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '@plumpots/core';
import { literalDefaults } from '@plumpots/core/config/defaults';
import type { PlumContext } from './context.js';

/** The template when the config names none. */
export const DEFAULT_DIR_TEMPLATE = literalDefaults().worktrees.dir;

// Most file systems cap a name at 255 bytes; leave room for git's own suffixes and editors' temp files.
const MAX_NAME_BYTES = 200;

/**
 * The directory for `branch`: `template` with `{repo}` (the project name) and `{branch}` (see
 * {@link branchDirName}) expanded, `~/` as the home directory, relative to the project root (the
 * main worktree, or the directory holding a bare repository). A template without `{branch}` is a
 * parent directory: `/{branch}` is appended. Throws ConfigError (exit 6) for an unknown
 * placeholder or a place inside the repository's git dir.
 * @example worktreeDirFor(ctx, 'feat/login', '../{repo}.worktrees/{branch}') // "/src/shop.worktrees/feat-login"
 */
export function worktreeDirFor(
  ctx: Pick<PlumContext, 'repo' | 'env'>,
  branch: string,
  template: string = DEFAULT_DIR_TEMPLATE,
): string {
  const withBranch = template.includes('{branch}')
    ? template
    : `${template.replace(/\/+$/, '')}/{branch}`;
  const expanded = withBranch.replace(/\{([^{}]*)\}/g, (whole, key: string) => {
    if (key === 'repo') return ctx.repo.projectName;
    if (key === 'branch') return branchDirName(branch);
    throw configError(template, `unknown placeholder ${whole} (use {repo} and {branch})`);
  });
  const home = ctx.env.HOME || homedir();
  const path =
    expanded === '~' || expanded.startsWith('~/') ? join(home, expanded.slice(1)) : expanded;
  const dir = resolve(ctx.repo.projectRoot, path);

  const inGitDir = relative(ctx.repo.commonDir, dir);
  if (inGitDir === '' || !(isOutside(inGitDir) || isAbsolute(inGitDir))) {
    throw configError(template, `${dir} is inside the repository's git dir`);
  }
  if (dir === ctx.repo.projectRoot) {
    throw configError(template, `${dir} is the project root itself`);
  }
  return dir;
}

/**
 * A branch name as one directory name: `/` becomes `-`; control characters and `\` become `-`; a
 * leading `-` or `.` becomes `_` (so the directory is never read as an option or hidden); a name
 * too long for a file system is cut and given a short hash of the branch, so names stay distinct.
 * Everything else (`#`, `$`, quotes, unicode) is kept: paths reach git and hooks as arguments and
 * environment variables, never through a shell.
 * @example branchDirName('feat/login') // "feat-login"
 */
export function branchDirName(branch: string): string {
  // eslint-disable-next-line no-control-regex
  let name = branch.replace(/[/\\\x00-\x1f\x7f]/g, '-').replace(/^[-.]/, '_');
  if (name === '') name = '_';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const hash = createHash('sha256').update(branch).digest('hex').slice(0, 8);
    let cut = '';
    for (const char of name) {
      if (Buffer.byteLength(cut + char) > MAX_NAME_BYTES - hash.length - 1) break;
      cut += char;
    }
    name = `${cut}-${hash}`;
  }
  return name;
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`);
}

function configError(template: string, why: string): ConfigError {
  return new ConfigError(
    `worktrees.dir ${JSON.stringify(template)}: ${why}`,
    undefined,
    'worktrees.dir',
    { hint: 'e.g. worktrees.dir: "../{repo}.worktrees/{branch}"' },
  );
}
