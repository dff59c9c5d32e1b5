// `pots mcp`'s resources: the output log of each pane agent_spawn (or pots spawn) started in this
// repository's units, as `pots-log://<pane number>` — its last 64 KiB, escape sequences removed.
// Listed from one `list-panes -a`; reading one checks its scope like every tool does.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { listPaneStates } from '../../tmux/pane-state.js';
import { readLogPage } from './log-page.js';
import { scopeWorktrees, scopedPane, type McpScope } from './scope.js';

/** How much of a log a resource read returns: its end. */
const RESOURCE_BYTES = 64 * 1024;

/**
 * Registers the `pots-log://{pane}` template: listing the repository's spawned panes, reading one.
 * @example registerLogResources(server, scope)
 */
export function registerLogResources(server: McpServer, scope: McpScope): void {
  const template = new ResourceTemplate('pots-log://{pane}', {
    list: async () => {
      const [panes, worktrees] = await Promise.all([
        listPaneStates(scope.pots.tmux),
        scopeWorktrees(scope),
      ]);
      const paths = new Set(worktrees.map((w) => w.path));
      return {
        resources: panes
          .filter((p) => p.log !== null && p.worktree !== null && paths.has(p.worktree))
          .map((p) => ({
            uri: `pots-log://${p.id.slice(1)}`,
            name: `${p.sessionName}:${p.windowName} (${p.id})`,
            description: `the output of ${p.agentName ?? p.startCommand} in ${p.worktree}`,
            mimeType: 'text/plain',
          })),
      };
    },
  });
  server.registerResource(
    'agent-log',
    template,
    {
      title: "An agent's output log",
      description: `The last ${RESOURCE_BYTES / 1024} KiB a spawned pane printed (escape sequences removed); agent_output pages through all of it.`,
      mimeType: 'text/plain',
    },
    async (uri, variables) => {
      const number = String(variables.pane ?? '');
      const pane = await scopedPane(scope, `%${/^\d+$/.test(number) ? number : 'x'}`);
      const text = pane.log ? (await readLogPage(pane.log, { maxBytes: RESOURCE_BYTES })).text : '';
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );
}
