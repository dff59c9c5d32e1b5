// Claude Code and Gemini CLI keep hooks in a JSON settings file, the same shape for both:
// `{ "hooks": { "<Event>": [{ "matcher": "…", "hooks": [{ "type": "command", "command": "…" }] }] } }`.
// Installing removes pots's previous entries and appends its groups; everything else in the file —
// the user's own hooks, other settings, key order — is kept.
import { RefusedError } from '@plumpots/core';
import { POTS_HOOK, reportCommand, type HookMapping } from './model.js';

type Json = Record<string, unknown>;
interface HookGroup {
  matcher?: string;
  hooks?: Array<{ type?: string; command?: string; name?: string }>;
}

/**
 * The settings text with pots's hooks for `mappings` (or, with `uninstall`, without any); null
 * when uninstalling leaves an empty file that pots created.
 * @example mergeJsonHooks('{}', 'claude', [{ event: 'Stop', state: 'idle' }], { pots: 'pots', file: 's.json' })
 */
export function mergeJsonHooks(
  text: string | null,
  agent: string,
  mappings: readonly HookMapping[],
  options: { pots: string; file: string; uninstall?: boolean; named?: boolean },
): string | null {
  let settings: Json;
  try {
    settings = text === null || text.trim() === '' ? {} : (JSON.parse(text) as Json);
  } catch (error) {
    throw new RefusedError(
      'ERR_POTS_HOOKS_FILE',
      `${options.file} is not valid JSON: nothing was changed`,
      {
        cause: error,
        hint: 'fix the file, or print the hooks with --print and add them by hand',
      },
    );
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new RefusedError(
      'ERR_POTS_HOOKS_FILE',
      `${options.file} does not hold a JSON object: nothing was changed`,
    );
  }
  const hooks = (settings.hooks ?? {}) as Record<string, HookGroup[]>;
  if (typeof hooks !== 'object' || Array.isArray(hooks)) {
    throw new RefusedError(
      'ERR_POTS_HOOKS_FILE',
      `${options.file}: "hooks" is not an object: nothing was changed`,
    );
  }
  // Take pots's entries out everywhere (a group left with no hook goes too).
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    const kept = groups
      .map((group) => ({
        ...group,
        hooks: (group.hooks ?? []).filter((hook) => !POTS_HOOK.test(hook.command ?? '')),
      }))
      .filter((group, i) => group.hooks.length > 0 || (groups[i]!.hooks ?? []).length === 0);
    if (kept.length > 0) hooks[event] = kept;
    else delete hooks[event];
  }
  if (!options.uninstall) {
    for (const mapping of mappings) {
      const command = reportCommand(options.pots, agent, mapping, true);
      const hook = {
        ...(options.named ? { name: `pots-${mapping.state}` } : {}),
        type: 'command',
        command,
      };
      const group: HookGroup = {
        ...(mapping.matcher ? { matcher: mapping.matcher } : {}),
        hooks: [hook],
      };
      hooks[mapping.event] = [...(hooks[mapping.event] ?? []), group];
    }
  }
  if (Object.keys(hooks).length > 0) settings.hooks = hooks;
  else delete settings.hooks;
  if (options.uninstall && text !== null && Object.keys(settings).length === 0) return null;
  return `${JSON.stringify(settings, null, 2)}\n`;
}
