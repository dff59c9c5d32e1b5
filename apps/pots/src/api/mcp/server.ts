// `pots mcp`: an MCP server on stdio (the official TypeScript SDK) whose tools are pots's and plum's
// library calls on one repository and one tmux server. The SDK is imported here only, and this
// module only by the `mcp` command. stdout belongs to the protocol: progress goes to stderr.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { isPlumError, NotFoundError } from '@plumpots/core';
import { openPots, type PotsContext } from '../context.js';
import { dataDirOf } from '../../agents/paths.js';
import { callLogPath, createCallLog } from './call-log.js';
import { registerLogResources } from './resources.js';
import type { McpScope } from './scope.js';
import type { McpTool } from './tool.js';
import { mcpTools } from './tools.js';

export interface McpServerOptions {
  /** The repository (any directory inside it); default process.cwd(). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The tmux server (`-L` / `-S`). */
  server?: { socketName?: string; socketPath?: string };
  mode?: 'session' | 'window';
  allowRemove?: boolean;
  allowForce?: boolean;
  /** The longest agent_wait, in seconds (default 600). */
  maxWaitSeconds?: number;
  /** Ends the server (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  /** Progress and warnings (default: stderr). */
  log?: (message: string) => void;
  /** pots's version, as the server tells its clients. */
  version?: string;
}

/** The longest agent_wait when `--max-wait` is not given. */
export const DEFAULT_MAX_WAIT_SECONDS = 600;

/**
 * Opens the scope the server acts on: outside a git repository NotFoundError (exit 3) before
 * anything is served.
 * @example const scope = await openMcpScope({ cwd: '/src/app', server: { socketName: 'work' } });
 */
export async function openMcpScope(options: McpServerOptions = {}): Promise<McpScope> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const env = serverEnv(options.env ?? process.env, options.server);
  const pots: PotsContext = openPots({
    cwd: options.cwd ?? process.cwd(),
    env,
    ...(options.server ? { server: options.server } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    log,
  });
  const plum = await pots.tryRepo();
  if (!plum) {
    throw new NotFoundError('ERR_NOT_A_REPO', `not in a git repository: ${pots.cwd}`, {
      hint: 'start pots mcp inside the repository it should act on (or pass -C <dir>)',
    });
  }
  return {
    pots,
    plum,
    root: plum.repo.mainWorktree ?? plum.repo.currentWorktree ?? plum.repo.commonDir,
    allowRemove: options.allowRemove === true,
    allowForce: options.allowForce === true,
    maxWaitSeconds: options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
  };
}

/**
 * An McpServer with the scope's tools registered (the destructive ones only with allowRemove),
 * each call logged as one JSON line under the data dir.
 * @example const server = createMcpServer(scope); await server.connect(transport);
 */
export function createMcpServer(
  scope: McpScope,
  log: (message: string) => void,
  version = '0.0.0',
): McpServer {
  const server = new McpServer(
    { name: 'pots', version },
    {
      instructions: `Tools over one git repository (${scope.root}) and its tmux sessions: list and create worktrees, start agents in them, type to them, read and wait for their output, stop them.${scope.allowRemove ? '' : ' Removing worktrees and killing sessions is not offered (the user did not pass --allow-remove).'}`,
    },
  );
  const calls = createCallLog(callLogPath(dataDirOf(scope.pots.env)), (error) =>
    log(`pots mcp: cannot write the call log: ${(error as Error).message}`),
  );
  for (const tool of mcpTools(scope)) register(server, scope, tool, calls);
  registerLogResources(server, scope);
  return server;
}

/**
 * Serves the tools on stdin/stdout until the client closes stdin or `signal` aborts.
 * @example await serveMcp({ cwd: repo, server: { socketName: 'work' }, allowRemove: true });
 */
export async function serveMcp(options: McpServerOptions = {}): Promise<void> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const scope = await openMcpScope({ ...options, log });
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('close', resolve);
    process.stdin.once('end', resolve);
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const handle = serveStdio(() => createMcpServer(scope, log, options.version), {
    onerror: (error) => log(`pots mcp: ${error.message}`),
  });
  await closed;
  await handle.close();
}

type CallLog = ReturnType<typeof createCallLog>;

function register(server: McpServer, scope: McpScope, tool: McpTool, calls: CallLog): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: tool.annotations,
    },
    async (args, ctx) => {
      const started = Date.now();
      try {
        const result = await tool.run(scope, args, ctx.mcpReq.signal);
        await calls.append(entry(tool, args, started, null));
        return {
          content: [{ type: 'text' as const, text: JSON.stringify(result) }],
          structuredContent: result,
        };
      } catch (error) {
        await calls.append(entry(tool, args, started, error));
        return toolError(error);
      }
    },
  );
}

function entry(tool: McpTool, args: unknown, started: number, error: unknown) {
  return {
    at: new Date(started).toISOString(),
    tool: tool.name,
    args,
    ok: error === null,
    ...(error === null ? {} : { code: codeOf(error), exitCode: exitCodeOf(error) }),
    ms: Date.now() - started,
    pid: process.pid,
  };
}

/**
 * A tool error as a client reads it: the CLI's message, details and hint as text, and the same as
 * `structuredContent.error` with the stable code and the exit code the CLI would exit with.
 */
export function toolError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const details = isPlumError(error) ? [...error.details] : [];
  const hint = isPlumError(error) ? (error.hint ?? null) : null;
  const text = [message, ...details.map((line) => `  ${line}`), ...(hint ? [`hint: ${hint}`] : [])];
  return {
    isError: true,
    content: [{ type: 'text' as const, text: text.join('\n') }],
    structuredContent: {
      error: { code: codeOf(error), exitCode: exitCodeOf(error), message, details, hint },
    },
  };
}

function codeOf(error: unknown): string {
  return isPlumError(error) ? error.code : 'ERR_UNEXPECTED';
}

function exitCodeOf(error: unknown): number {
  return isPlumError(error) ? error.exitCode : 1;
}

// plum runs pots's plugin hooks (a removal kills the worktree's units) on the server the
// environment names: make it name the server this one was given.
function serverEnv(env: NodeJS.ProcessEnv, server: McpServerOptions['server']): NodeJS.ProcessEnv {
  if (server?.socketPath) {
    const rest: NodeJS.ProcessEnv = { ...env, TMUX: `${server.socketPath},0,0` };
    delete rest.POTS_TMUX_SOCKET_NAME;
    // Not a pane of that server: no caller pane to spare or switch away from.
    delete rest.TMUX_PANE;
    return rest;
  }
  if (server?.socketName) return { ...env, POTS_TMUX_SOCKET_NAME: server.socketName };
  return env;
}
