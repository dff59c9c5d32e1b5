import { describe, expect, it } from 'vitest';
import { ExitCode, InterruptedError, isPlumError, UsageError } from '../../src/errors.js';
import { createUi, type CreateUiOptions } from '../../src/ui/index.js';
import { fakeStdin, Sink, untouchableStdin } from './streams.js';

function setup(options: { inTTY?: boolean; errTTY?: boolean } & CreateUiOptions = {}) {
  const stdin = fakeStdin(options.inTTY ?? false);
  const stdout = new Sink(false);
  const stderr = new Sink(options.errTTY ?? false);
  const ui = createUi({ env: {}, stdin, stdout, stderr, ...options });
  return { ui, stdin, stdout, stderr };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Types keys once the prompt is listening (clack attaches its listeners after a dynamic import). */
async function type(stdin: ReturnType<typeof fakeStdin>, ...keys: string[]): Promise<void> {
  while (stdin.listenerCount('keypress') === 0)
    await new Promise((resolve) => setTimeout(resolve, 5));
  for (const key of keys) stdin.write(key);
}

describe('confirm', () => {
  it('refuses with exit 2 and a --yes hint when stdin is not a terminal', async () => {
    const { ui, stdout } = setup({ inTTY: false, errTTY: true });
    const error = await rejection(ui.confirm('remove worktree feat?'));
    expect(error).toBeInstanceOf(UsageError);
    expect(isPlumError(error) && error.exitCode).toBe(ExitCode.usage);
    expect((error as UsageError).message).toBe(
      'refusing to ask "remove worktree feat?" without a terminal',
    );
    expect((error as UsageError).hint).toBe('pass --yes to confirm non-interactively');
    expect(stdout.text).toBe('');
  });

  it('refuses when stderr is not a terminal either: the question would be invisible', async () => {
    const { ui } = setup({ inTTY: true, errTTY: false });
    expect(ui.isInteractive()).toBe(false);
    expect(await rejection(ui.confirm('remove?'))).toMatchObject({
      exitCode: 2,
      code: 'ERR_NOT_INTERACTIVE',
    });
  });

  it('sanitizes the question it quotes in the error', async () => {
    const { ui } = setup();
    const error = await rejection(ui.confirm('remove \u001b]0;x\u0007feat\n?'));
    expect((error as Error).message).toBe('refusing to ask "remove feat ?" without a terminal');
  });

  it('answers yes: true without touching stdin', async () => {
    const ui = createUi({
      env: {},
      stdin: untouchableStdin(),
      stdout: new Sink(),
      stderr: new Sink(),
    });
    await expect(ui.confirm('remove?', { yes: true })).resolves.toBe(true);
  });

  // Started from a terminal, vitest's workers may see a TTY; in CI and pipes they never do.
  it.skipIf(process.stdin.isTTY && process.stderr.isTTY)(
    'refuses under the test run’s own stdin',
    async () => {
      const ui = createUi({ stdout: new Sink(), stderr: new Sink() });
      expect(await rejection(ui.confirm('really?'))).toMatchObject({ exitCode: 2 });
    },
  );

  it('asks on a terminal (on stderr) and takes the default on Enter', async () => {
    const { ui, stdin, stdout, stderr } = setup({ inTTY: true, errTTY: true });
    const answer = ui.confirm('remove worktree feat?', { default: true });
    await type(stdin, '\r');
    await expect(answer).resolves.toBe(true);
    expect(stderr.text).toContain('remove worktree feat?');
    expect(stdout.text).toBe('');
  });

  it('takes an answer typed on a terminal', async () => {
    const { ui, stdin } = setup({ inTTY: true, errTTY: true });
    const answer = ui.confirm('remove?', { default: true });
    await type(stdin, '\u001b[C', '\r'); // → moves to "No"
    await expect(answer).resolves.toBe(false);
  });

  it('throws InterruptedError (exit 130) on Ctrl-C', async () => {
    const { ui, stdin } = setup({ inTTY: true, errTTY: true });
    const answer = ui.confirm('remove?');
    await type(stdin, '\u0003');
    const error = await rejection(answer);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(ExitCode.interrupted);
  });

  it('throws InterruptedError when the run is aborted while asking', async () => {
    const controller = new AbortController();
    const { ui, stdin } = setup({ inTTY: true, errTTY: true, signal: controller.signal });
    const answer = ui.confirm('remove?');
    while (stdin.listenerCount('keypress') === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await rejection(answer)).toBeInstanceOf(InterruptedError);
  });
});

describe('select', () => {
  const choices = [
    { value: { name: 'main' }, label: 'main', hint: '/repo' },
    { value: { name: 'feat' }, label: 'feat', hint: '/repo.worktrees/feat' },
  ];

  it('refuses without a terminal, hinting to pass the name', async () => {
    const { ui } = setup();
    const error = await rejection(ui.select('which worktree?', choices));
    expect(error).toMatchObject({
      exitCode: 2,
      message: 'refusing to ask "which worktree?" without a terminal',
      hint: 'pass the name as an argument',
    });
    expect(
      await rejection(ui.select('which template?', choices, { hint: 'pass --template <name>' })),
    ).toMatchObject({
      hint: 'pass --template <name>',
    });
  });

  it('returns the chosen value itself on a terminal', async () => {
    const { ui, stdin, stderr } = setup({ inTTY: true, errTTY: true });
    const answer = ui.select('which worktree?', choices);
    await type(stdin, '\u001b[B', '\r'); // down, Enter
    await expect(answer).resolves.toBe(choices[1]!.value);
    expect(stderr.text).toContain('/repo.worktrees/feat');
  });

  it('throws InterruptedError on Escape', async () => {
    const { ui, stdin } = setup({ inTTY: true, errTTY: true });
    const answer = ui.select('which?', choices);
    await type(stdin, '\u001b');
    expect(await rejection(answer)).toBeInstanceOf(InterruptedError);
  });

  it('needs at least one option', async () => {
    const { ui } = setup({ inTTY: true, errTTY: true });
    await expect(ui.select('which?', [])).rejects.toThrow('needs at least one option');
  });
});
