export * from './define.js';
export { createPluginHost, type PluginHost } from './host.js';
// resolvePlugin stays internal: exported here it would be in every bundle's start-up graph.
export type { ResolveFrom } from './resolve.js';
