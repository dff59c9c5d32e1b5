// Starts the built `pots mcp` as a child process and connects the SDK's own client to it over
// stdio, as Claude Code, Codex or Gemini CLI would.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { binPath } from '@plumpots/test-fixtures';

export interface McpSession {
  client: Client;
  /** Calls a tool; returns its structured result, or throws with the tool error's text. */
  call<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail; returns its `structuredContent.error` and its text. */
  fail(name: string, args?: Record<string, unknown>): Promise<ToolFailure>;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

export interface ToolFailure {
  code: string;
  exitCode: number;
  message: string;
  details: string[];
  hint: string | null;
  text: string;
}

/** `pots mcp …args` in `cwd` with `env` (nothing else inherited). */
export async function startMcp(options: {
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
}): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [binPath('pots'), 'mcp', ...options.args],
    cwd: options.cwd,
    env: { NO_COLOR: '1', PATH: process.env.PATH ?? '', ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'pots-test', version: '0.0.0' });
  // Deadlines are for hangs: a busy machine must not fail a call that is merely slow.
  await client.connect(transport, { timeout: 60_000 });
  const callRaw = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }, { timeout: 120_000 });
  return {
    client,
    async call<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await callRaw(name, args);
      if (result.isError) {
        throw new Error(`${name} failed: ${JSON.stringify(result.content)}\n${stderr}`);
      }
      return result.structuredContent as T;
    },
    async fail(name, args = {}) {
      const result = await callRaw(name, args);
      if (!result.isError)
        throw new Error(`${name} succeeded: ${JSON.stringify(result.structuredContent)}`);
      const error = (result.structuredContent as { error: Omit<ToolFailure, 'text'> }).error;
      const content = result.content as Array<{ type: string; text?: string }>;
      return { ...error, text: content.map((c) => c.text ?? '').join('\n') };
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}
