// `pots mcp [--allow-remove [--allow-force]] [--max-wait s] [--print-config claude|codex|gemini]`:
// serve pots's and plum's operations on this repository to an agent over MCP (stdio).
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '@plumpots/core';
import { MCP_CLIENTS, mcpClientConfig, type McpClient } from '../api/mcp/client-config.js';
import { interruptSignal } from './agent-io.js';
import type { serveMcp } from '../api/mcp/server.js';
import { commandEnv, withGlobals } from './shared.js';

interface McpFlags {
  allowRemove?: boolean;
  allowForce?: boolean;
  maxWait?: string;
  printConfig?: McpClient;
}

const DEFAULT_MAX_WAIT = 600;

export function registerMcp(program: Command): void {
  withGlobals(
    program
      .command('mcp')
      .description(
        'serve this repository’s worktrees, sessions and agents to an AI agent over MCP (stdio)',
      )
      .option(
        '--allow-remove',
        'also offer worktree_remove and unit_kill (they refuse to lose work)',
      )
      .option('--allow-force', 'with --allow-remove: let them lose work when asked to (force)')
      .option('--max-wait <seconds>', `the longest agent_wait (default ${DEFAULT_MAX_WAIT})`)
      .addOption(
        new Option(
          '--print-config <client>',
          'print the snippet that registers this server',
        ).choices(MCP_CLIENTS),
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  claude mcp add --scope project pots -- pots mcp   register it with Claude Code
  pots mcp --print-config codex                     the [mcp_servers.pots] table for config.toml
  pots mcp -L agents --allow-remove                 on tmux server "agents", with the remove tools

Started by an MCP client (Claude Code, Codex, Gemini CLI…), it speaks MCP on stdin/stdout and
acts only on the repository it was started in and the tmux server it was given: a worktree, unit
or pane of anything else is refused. Tools: worktrees_list, worktree_create, units_list,
agent_spawn, agent_send, agent_output, agent_wait, agent_state, agent_stop; with --allow-remove
also worktree_remove and unit_kill, which follow plum's rules (nothing that would lose work is
removed unless the server also has --allow-force and the call passes force). A repository's
unapproved hooks are refused, never approved through MCP. Every call is logged as one JSON line in
$POTS_DATA_DIR/mcp/calls.jsonl (default ~/.local/state/pots). See docs/mcp.md.
Exit codes: 0 the client closed the connection · 2 bad flags · 3 not in a git repository ·
130 Ctrl-C or SIGTERM.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { options } = commandEnv(command);
      const flags = command.opts<McpFlags>();
      if (flags.allowForce && !flags.allowRemove) {
        throw new UsageError(
          '--allow-force needs --allow-remove (force applies to the remove tools)',
        );
      }
      const maxWait = flags.maxWait === undefined ? DEFAULT_MAX_WAIT : Number(flags.maxWait);
      if (!/^\d+(\.\d+)?$/.test(flags.maxWait ?? '1') || !(maxWait > 0)) {
        throw new UsageError(`--max-wait needs a positive number of seconds, not ${flags.maxWait}`);
      }
      const server =
        options.socketPath !== undefined
          ? { socketPath: options.socketPath }
          : options.socketName !== undefined
            ? { socketName: options.socketName }
            : undefined;
      if (flags.printConfig) {
        const args = ['mcp'];
        if (server?.socketPath) args.push('-S', resolve(server.socketPath));
        if (server?.socketName) args.push('-L', server.socketName);
        if (options.C) args.push('-C', resolve(options.C));
        if (options.mode) args.push('--mode', options.mode);
        if (flags.allowRemove) args.push('--allow-remove');
        if (flags.allowForce) args.push('--allow-force');
        if (flags.maxWait !== undefined) args.push('--max-wait', String(maxWait));
        process.stdout.write(
          `${mcpClientConfig(flags.printConfig, { command: 'pots', args, maxWaitSeconds: maxWait })}\n`,
        );
        return;
      }
      const { serveMcp } = await loadServer();
      const interrupt = interruptSignal();
      await serveMcp({
        signal: interrupt.signal,
        ...(options.C ? { cwd: options.C } : {}),
        ...(server ? { server } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
        allowRemove: flags.allowRemove === true,
        allowForce: flags.allowForce === true,
        maxWaitSeconds: maxWait,
        ...(program.version() ? { version: program.version()! } : {}),
      }).finally(() => interrupt.dispose());
    });
}

/**
 * The server, and with it the MCP SDK: loaded by this command only, from its own build beside this
 * chunk (dist/mcp-server/), never bundled into the chunks the other commands share.
 */
async function loadServer(): Promise<{ serveMcp: typeof serveMcp }> {
  const entry = new URL('./mcp-server/mcp-server.js', import.meta.url);
  return (await import(entry.href)) as { serveMcp: typeof serveMcp };
}
