// What `plum doctor` and `pots doctor` print: one row a check, and the error when any failed.
import { PlumError } from '../errors.js';
import type { Check } from '../checks.js';
import type { Ui } from './output.js';

export type { Check };

/**
 * Prints `checks` as a STATUS / CHECK / DETAILS table (a fix follows its message).
 * @example printChecks(ui, report.checks)
 */
export async function printChecks(ui: Ui, checks: readonly Check[]): Promise<void> {
  const { stdout: c } = ui.colors;
  const mark = { ok: c.green('ok'), warn: c.yellow('warn'), fail: c.red('FAIL') };
  await ui.printTable(
    checks.map((check) => ({
      status: mark[check.status],
      id: check.id,
      message: check.fix ? `${check.message} — fix: ${check.fix}` : check.message,
    })),
    [
      { key: 'status', header: 'STATUS' },
      { key: 'id', header: 'CHECK' },
      { key: 'message', header: 'DETAILS' },
    ],
  );
}

/**
 * The error (exit 1) for failed checks: `2 checks failed: config, trust`.
 * @example if (failed.length) throw failedChecks('ERR_PLUM_DOCTOR', failed)
 */
export function failedChecks(code: string, failed: readonly Check[]): PlumError {
  return new PlumError(
    code,
    `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((check) => check.id).join(', ')}`,
  );
}
