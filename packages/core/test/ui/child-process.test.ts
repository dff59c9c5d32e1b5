// confirm() in a real process whose stdin is /dev/null: it must refuse at once with exit 2, never
// wait. Node 20 cannot run TypeScript, so the UI's sources are transpiled into a temp dir first.
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plumpots-ui-'));
  const sources = ['errors.ts', ...readdirSync(join(core, 'src/ui')).map((file) => `ui/${file}`)];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(core, 'src', source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(dir, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  symlinkSync(join(core, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(body: string) {
  const script = `import { createUi } from ${JSON.stringify(join(dir, 'ui/index.js'))}; const ui = createUi(); ${body}`;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // stdin 'ignore' is /dev/null: not a terminal, and at end of file at once.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 15_000, // a hang fails the test instead of the suite
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('confirm in a process with stdin from /dev/null', () => {
  it('refuses at once with exit 2 and the --yes hint', async () => {
    const r = await run(`
      try { await ui.confirm('remove worktree feat?'); ui.print('asked'); }
      catch (error) {
        process.stderr.write(JSON.stringify({ code: error.code, message: error.message, hint: error.hint }));
        process.exitCode = error.exitCode;
      }`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      code: 'ERR_NOT_INTERACTIVE',
      message: 'refusing to ask "remove worktree feat?" without a terminal',
      hint: 'pass --yes to confirm non-interactively',
    });
  });

  it('goes ahead with yes: true', async () => {
    const r = await run(
      `ui.print(String(await ui.confirm('remove worktree feat?', { yes: true })));`,
    );
    expect(r).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
  });
});
