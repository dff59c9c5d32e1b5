// The templates pots ships: `default`, `development`, `agent` and `claude` (the `agent` layout with
// `claude` as its command, the name cc-orchestrator users look for). Their commands are pots's own and
// read only the caller's environment, so they need no trust approval. Every command is valid in
// POSIX shells and fish alike (it runs under the user's shell).
import { existsSync } from 'node:fs';
import { shellQuote } from '../tmux/index.js';
import { normalizeTemplate, type Template } from './model.js';

export const BUILTIN_TEMPLATE_NAMES = ['default', 'development', 'agent', 'claude'] as const;
export type BuiltinTemplateName = (typeof BUILTIN_TEMPLATE_NAMES)[number];

export interface BuiltinOptions {
  /** Supplies `EDITOR`/`VISUAL` and `POTS_AGENT_COMMAND` (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * The agent's pots log (`pots logs` writes it). When the file exists, the `agent` template's log
   * pane follows it; otherwise that pane is a plain shell.
   */
  agentLogFile?: string;
}

/**
 * The built-in templates, built for `env`:
 * - `default`: one window, one shell.
 * - `development`: window `dev`, `main-vertical`: `$VISUAL`/`$EDITOR` (else `vi`) on `.`, a shell,
 *   and a shell titled `tests` for a watcher or test runner (pots cannot guess which one you use).
 * - `agent`: window `agent`, `main-vertical`: `$POTS_AGENT_COMMAND` (else a shell that says how to
 *   set it), a shell, and a pane following the agent's pots log once there is one.
 * - `claude`: the `agent` template with `claude` as the command, whatever `POTS_AGENT_COMMAND` says.
 * @example builtinTemplates({ env: { EDITOR: 'nvim' } }).find((t) => t.name === 'development')
 */
export function builtinTemplates(options: BuiltinOptions = {}): Template[] {
  const env = options.env ?? process.env;
  const editor = (env.VISUAL || env.EDITOR || '').trim() || 'vi';
  const agent = (env.POTS_AGENT_COMMAND ?? '').trim();
  const log = options.agentLogFile;
  const source = { kind: 'builtin' } as const;
  return [
    normalizeTemplate(
      'default',
      { description: 'one window, one shell', windows: [{ name: 'shell', panes: [null] }] },
      source,
    ),
    normalizeTemplate(
      'development',
      {
        description: 'editor, a shell, and a shell for tests or a watcher',
        windows: [
          {
            name: 'dev',
            layout: 'main-vertical',
            panes: [
              { command: `${editor} .`, focus: true, title: 'editor' },
              { title: 'shell' },
              { title: 'tests' },
            ],
          },
        ],
      },
      source,
    ),
    agentTemplate(
      'agent',
      'an agent ($POTS_AGENT_COMMAND), a shell, and the agent log',
      agent
        ? agent
        : `echo ${shellQuote('pots: no agent configured; set POTS_AGENT_COMMAND (e.g. POTS_AGENT_COMMAND=claude) or start one here')}`,
      log,
    ),
    agentTemplate(
      'claude',
      'Claude Code, a shell, and the agent log (agent with claude)',
      'claude',
      log,
    ),
  ];
}

// The `agent` layout: the command focused on the left, a shell, and a pane that follows the log.
function agentTemplate(
  name: string,
  description: string,
  command: string,
  log: string | undefined,
): Template {
  return normalizeTemplate(
    name,
    {
      description,
      windows: [
        {
          name: 'agent',
          layout: 'main-vertical',
          panes: [
            { command, focus: true, title: 'agent' },
            { title: 'shell' },
            log !== undefined && existsSync(log)
              ? { command: `tail -n 200 -F ${shellQuote(log)}`, title: 'log' }
              : { title: 'log' },
          ],
        },
      ],
    },
    { kind: 'builtin' },
  );
}
