import { defineConfig } from 'tsup';
import { cliBuild } from '../../tsup.bin.js';

export default defineConfig(cliBuild());
