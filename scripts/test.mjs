// Runs every vitest project once and ends with the one line CI reads: "N passed, N failed".
// vitest's own summary is for people; CI counts from its JSON reporter.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const firstLine = (text) => (text ?? '').trim().split('\n')[0].slice(0, 300);

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}.vitest-results.json`;
rmSync(out, { force: true });
const vitest = spawnSync(
  process.execPath,
  [
    `${root}node_modules/vitest/vitest.mjs`,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
// Named again just above the count: a CI log cut to its tail still says which test failed.
const failures = [];
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    const where = relative(root, file.name);
    // A file that fails to load has no failed test but is a failure all the same.
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed += 1;
      failures.push(`${where}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults) {
      if (test.status !== 'failed') continue;
      failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
} catch {
  failed = Math.max(failed, 1);
}
if (vitest.status !== 0 && failed === 0) failed = 1;
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
