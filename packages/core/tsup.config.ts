import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'config/index': 'src/config/index.ts',
    'config/schema': 'src/config/schema-entry.ts',
    'config/parse': 'src/config/parse-entry.ts',
    'cli/index': 'src/cli/index.ts',
    'ui/index': 'src/ui/index.ts',
    'schema/index': 'src/schema/index.ts',
  },
  format: ['esm'],
  target: 'node20',
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
});
