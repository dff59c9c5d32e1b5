import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DependencyError,
  ExitCode,
  InterruptedError,
  isPlumError,
  NotFoundError,
  PlumError,
  PluginError,
  RefusedError,
  UsageError,
} from '../src/index.js';

describe('errors', () => {
  it.each([
    [new UsageError('bad flag'), 2, 'ERR_USAGE'],
    [new NotFoundError('ERR_X_NOT_FOUND', 'no x'), 3, 'ERR_X_NOT_FOUND'],
    [new RefusedError('ERR_DIRTY', 'dirty'), 4, 'ERR_DIRTY'],
    [new DependencyError('ERR_DEP', 'no tmux'), 5, 'ERR_DEP'],
    [new ConfigError('bad', '/f', 'a.b'), 6, 'ERR_CONFIG_INVALID'],
    [new InterruptedError(), 130, 'ERR_INTERRUPTED'],
  ])('%s carries exit code %i and a stable code', (error, exitCode, code) => {
    expect(error.exitCode).toBe(exitCode);
    expect(error.code).toBe(code);
    expect(isPlumError(error)).toBe(true);
  });

  it('keeps hint, details and cause', () => {
    const cause = new Error('root');
    const error = new RefusedError('ERR_DIRTY', 'would lose work', {
      hint: 'use --force',
      details: ['M a.txt'],
      cause,
    });
    expect(error.hint).toBe('use --force');
    expect(error.details).toEqual(['M a.txt']);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('RefusedError');
  });

  it('recognises errors from another copy of core by brand, not by class identity', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@plumpots/core/error')]: true });
    expect(isPlumError(foreign)).toBe(true);
    expect(isPlumError(new Error('plain'))).toBe(false);
    expect(isPlumError(null)).toBe(false);
  });

  it('names the plugin and keeps its exit code', () => {
    const error = new PluginError('pots', 'refused', { exitCode: ExitCode.refused });
    expect(error.message).toBe('plugin pots: refused');
    expect(error.exitCode).toBe(4);
    expect(new PlumError('ERR_X', 'x').exitCode).toBe(1);
  });
});
