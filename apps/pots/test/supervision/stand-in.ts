// A bin directory for the stand-in agents (test/stand-ins/agent.mjs) — `claude`, `codex`,
// `gemini`, `aider` — and `pots` (the built bin), to put first on a fixture's PATH, so panes run
// the stand-ins by their real names and their hooks call the pots under test.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath } from '@plumpots/test-fixtures';

const AGENT = fileURLToPath(new URL('../stand-ins/agent.mjs', import.meta.url));
const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Writes the wrappers into `dir`/bin and returns that directory. */
export function standInBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  for (const agent of ['claude', 'codex', 'gemini', 'aider']) {
    script(agent, `exec ${q(process.execPath)} ${q(AGENT)} ${agent} "$@"`);
  }
  script('pots', `exec ${q(process.execPath)} ${q(binPath('pots'))} "$@"`);
  return bin;
}
