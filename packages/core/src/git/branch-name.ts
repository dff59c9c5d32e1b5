// Validates a branch name the way git does, so odd-but-legal names pass through untouched.
import { UsageError } from '../errors.js';
import { git } from './gateway.js';

const RULES =
  'no spaces, control characters or ~ ^ : ? * [ \\; no "..", "@{" or "//"; ' +
  'no part starting with "."; no trailing "/", "." or ".lock"';

/**
 * Checks `name` with `git check-ref-format --branch` and returns git's form of it (the same
 * string, or the branch `@{-1}` stands for). Names such as `feat#(x)`, `a;b` or `ñ日本` are legal
 * and come back unchanged: quoting them is the consumer's job (tmux, shells), not a reason to refuse.
 * Throws UsageError (exit 2) `invalid branch name: <name>` with git's reason as the hint.
 * One git call; none for a name starting with "-" (check-ref-format has no `--`).
 * @example const branch = await validateBranchName('/repo', 'feat/login'); // "feat/login"
 */
export async function validateBranchName(cwd: string, name: string): Promise<string> {
  if (name === '' || name.startsWith('-')) {
    throw invalid(
      name,
      name === '' ? 'a branch name may not be empty' : 'a branch name may not start with "-"',
    );
  }
  const result = await git(cwd).probe(['check-ref-format', '--branch', name]);
  if (result.exitCode !== 0) {
    const said = result.stderr.trim().replace(/^fatal: /, '');
    throw invalid(name, `${printable(said) || 'git rejected it'}: ${RULES}`);
  }
  // Only the newline git appends: a valid name cannot hold whitespace, so nothing else to trim.
  return result.stdout.endsWith('\n') ? result.stdout.slice(0, -1) : result.stdout;
}

function invalid(name: string, hint: string): UsageError {
  return new UsageError(
    `invalid branch name: ${printable(name)}`,
    { hint },
    'ERR_INVALID_BRANCH_NAME',
  );
}

// The message reaches a terminal: show control characters (a pasted newline, an escape) as escapes.
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
