// Runs a built bin as a user would: a controlled environment, optional stdin, a timeout.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { cleanEnv } from './git-repo.js';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Absolute path of a built bin (`plum` or `pots`); `pnpm build` must have run. */
export function binPath(bin: 'plum' | 'pots'): string {
  return fileURLToPath(new URL(`../../apps/${bin}/bin/${bin}.cjs`, import.meta.url));
}

/**
 * Spawns `node <bin> args…`. stdin is /dev/null unless `input` is given, so prompts see no TTY.
 * @example const { exitCode, stdout } = await runCli('plum', ['list', '--json'], { cwd: repo.path, env: repo.env });
 */
export async function runCli(
  /** `plum`, `pots`, or the path of another script. */
  bin: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const file = bin === 'plum' || bin === 'pots' ? binPath(bin) : bin;
  const result = await execa(process.execPath, [file, ...args], {
    cwd: options.cwd,
    env: { ...cleanEnv(), NO_COLOR: '1', ...options.env },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    // A deadline for hangs, not for speed: a CLI run on a machine busy with the whole suite and two
    // busy loops has been seen to need more than 20 s.
    timeout: options.timeoutMs ?? 90_000,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  if (result.timedOut) throw new Error(`${bin} ${args.join(' ')} timed out`);
  return {
    exitCode: result.exitCode ?? 1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}
