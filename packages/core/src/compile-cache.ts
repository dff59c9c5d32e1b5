// Node's on-disk compile cache (`module.enableCompileCache`, Node >= 22.1): later runs reuse the
// bytecode of the bundle's chunks instead of compiling them again. Its directory is under
// $XDG_CACHE_HOME: Node's default (NODE_COMPILE_CACHE unset) is the temp dir, where files would be
// left behind. Node < 22.1 has no such cache: nothing happens.
import module from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type EnableCompileCache = (directory: string) => unknown;

/**
 * Turns on Node's compile cache in `$XDG_CACHE_HOME/plumpots/compile-cache` (else
 * `~/.cache/plumpots/compile-cache`) and returns that directory; undefined when this Node has no
 * compile cache or NODE_DISABLE_COMPILE_CACHE is set. Only modules loaded afterwards are cached.
 * @example enableCompileCache({ XDG_CACHE_HOME: '/home/me/.cache' }) // '/home/me/.cache/plumpots/compile-cache' on Node 22
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const enable = (module as unknown as { enableCompileCache?: EnableCompileCache })
    .enableCompileCache;
  if (typeof enable !== 'function' || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  const directory = join(base, 'plumpots', 'compile-cache');
  try {
    enable(directory);
  } catch {
    return undefined; // an unwritable cache only costs the speed-up
  }
  return directory;
}
