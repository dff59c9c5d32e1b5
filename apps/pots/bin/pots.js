#!/usr/bin/env node
// The bin inside the workspace: it exists before the build, so `pnpm install` on a fresh clone can
// link it. The packed package points its bin straight at dist/bin.js (publishConfig.bin).
import '../dist/bin.js';
