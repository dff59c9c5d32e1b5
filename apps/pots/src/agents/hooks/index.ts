// `pots hooks install <agent>`: each supported agent's hook or notification configuration, made to
// call `pots report`. Claude Code and Gemini CLI: hooks in their project settings (JSON); Codex:
// `notify` in its config.toml (user-wide: Codex reads it from $CODEX_HOME); aider:
// `notifications-command` in the worktree's .aider.conf.yml.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '@plumpots/core';
import { mergeJsonHooks } from './json-hooks.js';
import { mergeLines } from './line-config.js';
import type { HookFilePlan, HookMapping } from './model.js';

import { HOOK_AGENTS } from './model.js';

export {
  HOOK_AGENTS,
  POTS_HOOK,
  reportCommand,
  type HookAgent,
  type HookFilePlan,
  type HookMapping,
} from './model.js';

/** Claude Code's hook events → states (its hooks reference: Notification types by matcher). */
export const CLAUDE_HOOKS: readonly HookMapping[] = [
  { event: 'SessionStart', state: 'idle' },
  { event: 'UserPromptSubmit', state: 'working' },
  // After a permission is granted the tool runs: back from waiting to working.
  { event: 'PostToolUse', state: 'working' },
  { event: 'Notification', matcher: 'permission_prompt|elicitation_dialog', state: 'waiting' },
  { event: 'Notification', matcher: 'idle_prompt', state: 'idle' },
  { event: 'Stop', state: 'idle' },
  { event: 'SessionEnd', state: 'exited' },
];

/** Gemini CLI's hook events → states. */
export const GEMINI_HOOKS: readonly HookMapping[] = [
  { event: 'SessionStart', state: 'idle' },
  { event: 'BeforeAgent', state: 'working' },
  { event: 'AfterTool', state: 'working' },
  { event: 'Notification', state: 'waiting' },
  { event: 'AfterAgent', state: 'idle' },
  { event: 'SessionEnd', state: 'exited' },
];

export interface HookInstallOptions {
  agent: string;
  /** The worktree whose settings get the hooks (Claude Code, Gemini CLI, aider). */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** How hooks call pots (default `pots`). */
  pots?: string;
  uninstall?: boolean;
}

/**
 * What installing (or uninstalling) the agent's hooks changes: the file and its new text. Refuses
 * (exit 4) to replace a notification program the user set, or to touch a file it cannot read.
 * @example const plan = await planHooks({ agent: 'claude', dir: '/src/app', env: process.env }); plan.file // '/src/app/.claude/settings.local.json'
 */
export async function planHooks(options: HookInstallOptions): Promise<HookFilePlan> {
  const pots = options.pots ?? 'pots';
  const agent = options.agent;
  const uninstall = options.uninstall ?? false;
  const read = (file: string) =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  if (agent === 'claude' || agent === 'gemini') {
    const file = join(
      options.dir,
      agent === 'claude' ? '.claude/settings.local.json' : '.gemini/settings.json',
    );
    const mappings = agent === 'claude' ? CLAUDE_HOOKS : GEMINI_HOOKS;
    const before = await read(file);
    const after = mergeJsonHooks(before, agent, mappings, {
      pots,
      file,
      uninstall,
      named: agent === 'gemini',
    });
    return { agent, file, before, after, events: mappings.map((m) => m.event) };
  }
  if (agent === 'codex') {
    const file = join(
      options.env.CODEX_HOME || join(options.env.HOME || homedir(), '.codex'),
      'config.toml',
    );
    const argv = [
      ...pots.split(' '),
      'report',
      'idle',
      '--agent',
      'codex',
      '--event',
      'agent-turn-complete',
    ];
    const before = await read(file);
    const after = mergeLines(before, [`notify = ${JSON.stringify(argv)}`], {
      keys: ['notify'],
      file,
      beforeTables: true,
      uninstall,
    });
    return { agent, file, before, after, events: ['agent-turn-complete'] };
  }
  if (agent === 'aider') {
    const file = join(options.dir, '.aider.conf.yml');
    const before = await read(file);
    const after = mergeLines(
      before,
      [
        'notifications: true',
        `notifications-command: ${JSON.stringify(`${pots} report idle --agent aider --event notification`)}`,
      ],
      { keys: ['notifications', 'notifications-command'], file, uninstall },
    );
    return { agent, file, before, after, events: ['notification'] };
  }
  throw new UsageError(
    `no hooks for ${JSON.stringify(agent)}: pots installs hooks for ${HOOK_AGENTS.join(', ')}`,
    {
      hint: 'other agents: screen rules (pots.agents.rules), or call `pots report <state>` from their own hooks',
    },
  );
}

/**
 * Writes a plan's file (atomically: a temporary file renamed over it), or deletes it when the
 * plan leaves it empty. Nothing is written when the text does not change.
 * @example await applyHookPlan(await planHooks({ agent: 'gemini', dir, env }))
 */
export async function applyHookPlan(plan: HookFilePlan): Promise<boolean> {
  if (plan.after === plan.before) return false;
  if (plan.after === null) {
    await rm(plan.file, { force: true });
    return true;
  }
  await mkdir(dirname(plan.file), { recursive: true });
  const temp = `${plan.file}.pots-${randomUUID()}`;
  await writeFile(temp, plan.after);
  await rename(temp, plan.file);
  return true;
}
