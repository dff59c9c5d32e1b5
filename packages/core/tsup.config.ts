import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'config/index': 'src/config/index.ts',
    'config/schema': 'src/config/schema-entry.ts',
    'config/parse': 'src/config/parse-entry.ts',
    'config/defaults': 'src/config/defaults.ts',
    'cli/index': 'src/cli/index.ts',
    'ui/index': 'src/ui/index.ts',
    'ui/table': 'src/ui/table.ts',
    'schema/index': 'src/schema/index.ts',
    // Imported by the bins before anything else: Node builtins only.
    'compile-cache': 'src/compile-cache.ts',
  },
  format: ['esm'],
  target: 'node20',
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
});
