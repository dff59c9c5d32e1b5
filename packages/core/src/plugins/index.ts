export * from './define.js';
export { createPluginHost, type PluginHost } from './host.js';
export { resolvePlugin, type ResolveFrom } from './resolve.js';
