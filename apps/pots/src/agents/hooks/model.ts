// What installing an agent's hooks means: which file, what goes in, and how pots's own entries are
// told apart from the user's (so an uninstall takes out only pots's).

/** The agents `pots hooks install` supports. */
export const HOOK_AGENTS = ['claude', 'codex', 'gemini', 'aider'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

/** One event the agent reports, and the state pots records for it. */
export interface HookMapping {
  /** The agent's event name (`Notification`, `AfterAgent`, `agent-turn-complete`). */
  event: string;
  /** The agent's matcher for the event, if it takes one. */
  matcher?: string;
  state: 'starting' | 'working' | 'waiting' | 'idle' | 'exited';
}

/** The result of planning an install or uninstall: the file and its new text. */
export interface HookFilePlan {
  agent: string;
  file: string;
  /** The file's text before (null: it does not exist). */
  before: string | null;
  /** The file's text after (null: delete it — it held only pots's entries). */
  after: string | null;
  /** The events installed (or removed). */
  events: string[];
}

/**
 * The command a hook runs: `<pots> report <state> --agent <agent> --event <event>`, with `--stdin`
 * for agents that pass their input as JSON on stdin.
 * @example reportCommand('pots', 'claude', { event: 'Stop', state: 'idle' }, true) // 'pots report idle --agent claude --event Stop --stdin'
 */
export function reportCommand(
  pots: string,
  agent: string,
  mapping: HookMapping,
  stdin: boolean,
): string {
  const event = mapping.matcher ? `${mapping.event}:${mapping.matcher}` : mapping.event;
  return `${pots} report ${mapping.state} --agent ${agent} --event ${shellWord(event)}${stdin ? ' --stdin' : ''}`;
}

/** Recognises a command pots installed, whatever the pots invocation (`pots`, `npx pots`). */
export const POTS_HOOK =
  / report (starting|working|waiting|idle|exited) --agent [a-z][a-z0-9_-]* --event /;

function shellWord(word: string): string {
  return /^[A-Za-z0-9_:|.-]+$/.test(word)
    ? word.includes('|')
      ? `'${word}'`
      : word
    : `'${word.replace(/'/g, `'\\''`)}'`;
}
