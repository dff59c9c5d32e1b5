// A vitest setup file (every package's vitest.config.ts), run before each test file: points HOME
// and every XDG base directory at a fresh scratch directory, whatever the caller exported. Code a
// test runs in-process (the API, config loading, trust) and every child that inherits process.env
// then read and write only there: a test run leaves the caller's HOME and XDG dirs byte-identical.
// The fixtures go further (cleanEnv drops XDG_* so that a repo fixture's own dirs win).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const XDG = ['XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'] as const;

const root = mkdtempSync(join(tmpdir(), 'hermetic-'));
const home = join(root, 'home');
mkdirSync(home);
process.env.HOME = home;
for (const key of XDG) process.env[key] = join(root, key.slice(4).toLowerCase());
// Search paths and the runtime dir are the system's or the session's: none of a test's business.
delete process.env.XDG_CONFIG_DIRS;
delete process.env.XDG_DATA_DIRS;
delete process.env.XDG_RUNTIME_DIR;
// After the file's own teardown (hooks run in reverse order, this one last), and on exit for a run
// cut short: vitest stops its workers with a signal, so 'exit' alone would leave the dir behind.
const cleanup = () => rmSync(root, { recursive: true, force: true });
afterAll(cleanup);
process.once('exit', cleanup);
