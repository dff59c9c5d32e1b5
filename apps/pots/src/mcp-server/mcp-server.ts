// `pots mcp`'s server, built on its own as dist/mcp-server/mcp-server.js (tsup fastPaths): what it
// reaches — plum's create and remove, the MCP SDK — would otherwise join the chunks every other
// command loads (a file a barrel re-exports takes the barrel's importers once anything uses it).
export { serveMcp, type McpServerOptions } from '../api/mcp/server.js';
