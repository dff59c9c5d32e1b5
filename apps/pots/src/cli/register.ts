// Every pots command: each file adds one command to the program, and is imported only when that
// command runs (or when help needs them all).
import type { LazyCommand } from '@plumpots/core/cli';

/** The built-in commands, in the order `pots --help` lists them. */
export const builtinCommands: readonly LazyCommand[] = [
  { names: ['open'], load: async () => (await import('./open.js')).registerOpen },
  { names: ['create'], load: async () => (await import('./create.js')).registerCreate },
  { names: ['list', 'ls'], load: async () => (await import('./list.js')).registerList },
  { names: ['attach', 'a'], load: async () => (await import('./attach.js')).registerAttach },
  { names: ['detach'], load: async () => (await import('./detach.js')).registerDetach },
  { names: ['info'], load: async () => (await import('./info.js')).registerInfo },
  { names: ['kill'], load: async () => (await import('./kill.js')).registerKill },
  { names: ['cleanup'], load: async () => (await import('./cleanup.js')).registerCleanup },
  { names: ['apply'], load: async () => (await import('./apply.js')).registerApply },
  { names: ['templates'], load: async () => (await import('./templates.js')).registerTemplates },
  { names: ['spawn'], load: async () => (await import('./spawn.js')).registerSpawn },
  { names: ['send'], load: async () => (await import('./send.js')).registerSend },
  { names: ['broadcast'], load: async () => (await import('./broadcast.js')).registerBroadcast },
  { names: ['capture'], load: async () => (await import('./capture.js')).registerCapture },
  { names: ['logs'], load: async () => (await import('./logs.js')).registerLogs },
  { names: ['ps'], load: async () => (await import('./ps.js')).registerPs },
  { names: ['wait'], load: async () => (await import('./wait.js')).registerWait },
  { names: ['stop'], load: async () => (await import('./stop.js')).registerStop },
  { names: ['hooks'], load: async () => (await import('./hooks.js')).registerHooks },
  { names: ['report'], load: async () => (await import('./report.js')).registerReport },
  {
    names: ['status-line'],
    load: async () => (await import('./status-line.js')).registerStatusLine,
  },
  { names: ['mcp'], load: async () => (await import('./mcp.js')).registerMcp },
  { names: ['dash'], load: async () => (await import('./dash.js')).registerDash },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).registerDoctor },
  {
    names: ['completion', '__complete'],
    needsAll: ['completion'],
    load: async () => (await import('./completion.js')).registerCompletion,
  },
];
