// Every plum command, registered like a plugin's: each file adds one command to the program, and is
// imported only when that command runs (or when help needs them all).
import type { LazyCommand } from '@plumpots/core/cli';

/** The built-in commands, in the order `plum --help` lists them. */
export const builtinCommands: readonly LazyCommand[] = [
  { names: ['create', 'add'], load: async () => (await import('./create.js')).registerCreate },
  { names: ['list', 'ls'], load: async () => (await import('./list.js')).registerList },
  { names: ['path'], load: async () => (await import('./path.js')).registerPath },
  { names: ['cd'], load: async () => (await import('./cd.js')).registerCd },
  { names: ['remove', 'rm'], load: async () => (await import('./remove.js')).registerRemove },
  { names: ['prune'], load: async () => (await import('./prune.js')).registerPrune },
  { names: ['init'], load: async () => (await import('./init.js')).registerInit },
  { names: ['config'], load: async () => (await import('./config.js')).registerConfig },
  { names: ['trust'], load: async () => (await import('./trust.js')).registerTrust },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).registerDoctor },
  {
    names: ['shell-init'],
    load: async () => (await import('./shell-init.js')).registerShellInit,
  },
  {
    names: ['completion', '__complete'],
    needsAll: ['completion'],
    load: async () => (await import('./completion.js')).registerCompletion,
  },
];
