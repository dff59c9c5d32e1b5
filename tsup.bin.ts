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
      // Inline every dependency except TypeScript: cosmiconfig requires it only for .ts configs,
      // whose loader we replace, and inlining it adds ~10 MB to parse. (tsup checks noExternal
      // before external, so TypeScript must be left out of this pattern as well as listed.)
      noExternal: [/^(?!typescript$)/],
      external: ['typescript'],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    },
  ];
}
