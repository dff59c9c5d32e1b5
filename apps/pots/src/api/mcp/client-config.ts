// `pots mcp --print-config <client>`: the snippet that registers `pots mcp` as a stdio server with
// Claude Code (.mcp.json, or `claude mcp add`), Codex (config.toml `[mcp_servers.<name>]`) and Gemini
// CLI (settings.json `mcpServers`). Pure text: no SDK is loaded to print it.

export const MCP_CLIENTS = ['claude', 'codex', 'gemini'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];

/**
 * The snippet for `client` that starts `command args…` (e.g. `pots ['mcp', '--allow-remove']`).
 * `maxWaitSeconds` raises the client's own per-call timeout above the longest agent_wait.
 * @example mcpClientConfig('codex', { command: 'pots', args: ['mcp'], maxWaitSeconds: 600 })
 */
export function mcpClientConfig(
  client: McpClient,
  options: { command: string; args: readonly string[]; maxWaitSeconds: number; name?: string },
): string {
  const name = options.name ?? 'pots';
  const args = [...options.args];
  // A wait may block this long; the client must not give up on the call first.
  const callSeconds = options.maxWaitSeconds + 30;
  switch (client) {
    case 'claude': {
      const file = { mcpServers: { [name]: { type: 'stdio', command: options.command, args } } };
      return [
        `# Claude Code — .mcp.json in the repository (shared), or run:`,
        `#   claude mcp add --scope project ${name} -- ${[options.command, ...args].map(shellWord).join(' ')}`,
        `# Long agent_wait calls: MCP_TOOL_TIMEOUT=${callSeconds * 1000} (milliseconds) in its environment.`,
        JSON.stringify(file, null, 2),
      ].join('\n');
    }
    case 'codex':
      return [
        `# Codex — ~/.codex/config.toml (or .codex/config.toml in a trusted project)`,
        `[mcp_servers.${tomlKey(name)}]`,
        `command = ${tomlString(options.command)}`,
        `args = [${args.map(tomlString).join(', ')}]`,
        `tool_timeout_sec = ${callSeconds}`,
      ].join('\n');
    case 'gemini': {
      const file = {
        mcpServers: { [name]: { command: options.command, args, timeout: callSeconds * 1000 } },
      };
      return [
        `# Gemini CLI — .gemini/settings.json in the repository, or ~/.gemini/settings.json`,
        JSON.stringify(file, null, 2),
      ].join('\n');
    }
  }
}

function tomlString(value: string): string {
  return JSON.stringify(value); // a TOML basic string escapes as JSON does for these characters
}

function tomlKey(value: string): string {
  return /^[A-Za-z0-9_-]+$/.test(value) ? value : tomlString(value);
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
