import { defineConfig } from 'tsup';
import { cliBuild } from '../../tsup.bin.js';

export default defineConfig(
  cliBuild({ 'plum-plugin': 'src/plum-plugin.ts', 'remove-pane': 'src/remove-pane.ts' }),
);
