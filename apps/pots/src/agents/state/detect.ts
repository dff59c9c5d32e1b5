// Which agent runs in a pane: what pots or a hook recorded (`@pots-agent-kind`), else the command it
// was started with, else what runs in it now — its foreground command, then its process tree
// (Linux /proc), where an agent started from a shell shows up as `node …/claude` or `codex`.
import { readFile } from 'node:fs/promises';
import { KNOWN_AGENTS, type KnownAgent } from './model.js';

/**
 * The known agent a command line names, or null: a word whose base name is the agent's, or the
 * npm package of one (`@anthropic-ai/claude-code`, `@openai/codex`, `@google/gemini-cli`).
 * @example agentFromCommand('npx -y @openai/codex --full-auto') // 'codex'
 */
export function agentFromCommand(command: string): KnownAgent | null {
  const words = command
    .split(/[\s\0]+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''))
    .filter(Boolean);
  // The program, past `env`, VAR=value and a runner (`node x.js`, `npx -y pkg`): only it counts —
  // `sh -c "echo claude"` does not run claude.
  let i = 0;
  while (i < words.length && (words[i] === 'env' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)))
    i++;
  const candidates = [words[i]];
  if (RUNNERS.has(baseName(words[i] ?? ''))) {
    candidates.push(words.slice(i + 1).find((w) => !w.startsWith('-') && !RUNNER_WORDS.has(w)));
  }
  for (const word of candidates) {
    if (word === undefined) continue;
    const base = baseName(word).replace(/\.(m?js|cjs|exe)$/, '');
    if ((KNOWN_AGENTS as readonly string[]).includes(base)) return base as KnownAgent;
    if (word.includes('claude-code')) return 'claude';
    if (word.includes('@openai/codex')) return 'codex';
    if (word.includes('gemini-cli')) return 'gemini';
    if (base === 'aider-chat') return 'aider';
  }
  return null;
}

const RUNNERS = new Set([
  'node',
  'npx',
  'bunx',
  'pnpx',
  'bun',
  'deno',
  'python',
  'python3',
  'uvx',
  'pipx',
  'pnpm',
  'exec',
]);
const RUNNER_WORDS = new Set(['run', 'dlx', 'x', 'exec']);

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The agent running in process `pid` or one of its descendants (three levels down), from
 * /proc; null where there is no /proc or nothing matches.
 * @example await agentInProcessTree(pane.pid) // 'claude'
 */
export async function agentInProcessTree(pid: number, depth = 3): Promise<KnownAgent | null> {
  if (!(pid > 0)) return null;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  // Only argv[0] and argv[1]: an agent named in a later argument (`grep claude`) is not one.
  const found = agentFromCommand(cmdline.split('\0').slice(0, 2).join(' '));
  if (found || depth === 0) return found;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(/\s+/).filter(Boolean)) {
    const agent = await agentInProcessTree(Number(child), depth - 1);
    if (agent) return agent;
  }
  return null;
}

/** What detection looks at. */
export interface DetectInput {
  agentKind: string | null;
  startCommand: string;
  /** The command a template or `--cmd` gave the pane, as written (`@pots-command`). */
  userCommand?: string | null;
  currentCommand: string;
  pid: number;
  dead: boolean;
}

/**
 * The pane's agent: recorded, else from its start command, else the command a template gave it
 * (typed into its shell, so the start command is the shell), else its foreground command, else its
 * process tree.
 * @example await detectAgent({ agentKind: null, startCommand: 'claude', currentCommand: 'node', pid: 0, dead: false }) // 'claude'
 */
export async function detectAgent(pane: DetectInput): Promise<string | null> {
  if (pane.agentKind) return pane.agentKind;
  const named =
    agentFromCommand(pane.startCommand) ??
    agentFromCommand(pane.userCommand ?? '') ??
    agentFromCommand(pane.currentCommand);
  if (named || pane.dead) return named;
  return agentInProcessTree(pane.pid);
}
