// With `pots.autoStart`, `plum create` prints its lines in the order things happen: the copied
// files and the postCreate hooks, then the plugin's "started session" (the session is made after
// the hooks), then "created".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

let f: PotsFixture;

beforeAll(() => {
  f = potsFixture();
  const dir = join(f.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  const plugin = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));
  writeFileSync(
    join(dir, 'config.yaml'),
    `plugins:\n  - ${JSON.stringify(plugin)}\nhooks:\n  postCreate: ['echo set-up']\npots:\n  autoStart: true\n`,
  );
});

afterAll(() => f.done());

it('postCreate, then "started session", then "created"', async () => {
  const run = await runCli('plum', ['create', 'feat'], { cwd: f.repo.path, env: f.env });
  expect(run.exitCode, run.stderr).toBe(0);
  const at = (text: string) => run.stderr.indexOf(text);
  expect(at('postCreate')).toBeGreaterThanOrEqual(0);
  expect(at('started session repo-feat-dev')).toBeGreaterThan(at('postCreate'));
  expect(at('created feat')).toBeGreaterThan(at('started session'));
  expect(f.server.tmux(['list-sessions', '-F', '#{session_name}'])).toContain('repo-feat-dev');
});
