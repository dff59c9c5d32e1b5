// Shared tsup settings for the two CLIs: a library build (dependencies external, with types) and a
// bundled bin (dependencies inlined; lazy import() chunks stay lazy) because start-up is most of
// what a CLI costs — see bench/RESULTS.md.
import type { Options } from 'tsup';

export function cliBuild(extraEntries: Record<string, string> = {}): Options[] {
  return [
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
      entry: { bin: 'src/bin.ts' },
      outDir: 'dist',
      format: ['esm'],
      target: 'node20',
      splitting: true,
      sourcemap: false,
      noExternal: [/.*/],
      // cosmiconfig would otherwise inline all of TypeScript for .ts configs we never load.
      external: ['typescript'],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    },
  ];
}
