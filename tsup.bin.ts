// Shared tsup settings for the two CLIs: a library build (dependencies external, with types) and a
// bundled bin (dependencies inlined; lazy import() chunks stay lazy) because start-up is most of
// what a CLI costs — see bench/RESULTS.md.
import { resolve } from 'node:path';
import type { Options } from 'tsup';

// The bins bundle the workspace packages from their sources, not their dist: a library's dist is
// one big module, so every command's chunk would import everything it imports (execa, the lock,
// globbing…); from source, each command loads only the modules it reaches. Run from apps/<app>.
const WORKSPACE_SOURCES = {
  '@plumpots/core': '../../packages/core/src',
  '@plumpots/plum': '../../apps/plum/src',
  // A subpath whose source is not at <src>/<subpath> (esbuild takes the exact key first).
  '@plumpots/plum/schemas': '../../apps/plum/src/api/schemas.ts',
};

export interface CliBuildOptions {
  /**
   * Fast paths the bin imports as `./<name>/<name>.js`: each is built on its own, into its own
   * directory, so its start-up graph holds only what it reaches — in the bin's build it would share
   * a dozen chunks with every command, and loading modules is most of what such a path costs.
   */
  fastPaths?: Record<string, string>;
}

export function cliBuild(
  extraEntries: Record<string, string> = {},
  options: CliBuildOptions = {},
): Options[] {
  const fastPaths = options.fastPaths ?? {};
  const binOptions: Options = {
    format: ['esm'],
    target: 'node20',
    sourcemap: false,
    // Inline every dependency except TypeScript: cosmiconfig requires it only for .ts configs,
    // whose loader we replace, and inlining it adds ~10 MB to parse. (tsup checks noExternal
    // before external, so TypeScript must be left out of this pattern as well as listed.)
    noExternal: [/^(?!typescript$|react-devtools-core$)/],
    // ink imports react-devtools-core only when DEV=true, from a lazy chunk: it is not installed.
    external: ['typescript', 'react-devtools-core'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    esbuildOptions(options) {
      options.alias = Object.fromEntries(
        Object.entries(WORKSPACE_SOURCES).map(([name, dir]) => [name, resolve(dir)]),
      );
    },
  };
  return [
    ...Object.entries(fastPaths).map(([name, entry]): Options => ({
      ...binOptions,
      entry: { [name]: entry },
      outDir: `dist/${name}`,
      splitting: true,
      // React (the dashboard's screen) picks its development build unless told otherwise: checks
      // and warnings on every render, several times the CPU of the production build.
      define: { 'process.env.NODE_ENV': '"production"' },
    })),
    {
      entry: { index: 'src/index.ts', ...extraEntries },
      format: ['esm'],
      target: 'node20',
      dts: true,
      splitting: true,
      sourcemap: true,
      clean: false,
    },
    {
      ...binOptions,
      entry: { bin: 'src/bin.ts' },
      outDir: 'dist',
      splitting: true,
      // The fast paths stay separate files (built above), not chunks of the bin.
      noExternal: [/^(?!typescript$|react-devtools-core$|\.\/)/],
      external: [
        'typescript',
        'react-devtools-core',
        ...Object.keys(fastPaths).map((name) => `./${name}/${name}.js`),
      ],
    },
  ];
}
