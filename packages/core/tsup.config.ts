import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/config/index.ts', 'src/ui/index.ts', 'src/schema/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
});
