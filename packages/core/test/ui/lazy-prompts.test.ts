// @clack/prompts must load only when a question is really put to a terminal.
import { describe, expect, it, vi } from 'vitest';
import { createUi } from '../../src/ui/index.js';
import { fakeStdin, Sink } from './streams.js';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@clack/prompts', async (importOriginal) => {
  loads.count++;
  return importOriginal();
});

describe('@clack/prompts loading', () => {
  it('is not loaded by importing the UI, refusing without a terminal, or --yes', async () => {
    const ui = createUi({
      env: {},
      stdin: fakeStdin(false),
      stdout: new Sink(),
      stderr: new Sink(true),
    });
    await expect(ui.confirm('remove?')).rejects.toMatchObject({ exitCode: 2 });
    await expect(ui.select('which?', [{ value: 1, label: 'one' }])).rejects.toMatchObject({
      exitCode: 2,
    });
    await expect(ui.confirm('remove?', { yes: true })).resolves.toBe(true);
    expect(loads.count).toBe(0);
  });

  it('is loaded once a terminal is asked', async () => {
    const stdin = fakeStdin(true);
    const ui = createUi({ env: {}, stdin, stdout: new Sink(), stderr: new Sink(true) });
    const answer = ui.confirm('remove?', { default: true });
    while (stdin.listenerCount('keypress') === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    stdin.write('\r');
    await expect(answer).resolves.toBe(true);
    expect(loads.count).toBe(1);
  });
});
