// The built-in screen rules per agent, merged with the user's (`pots.agents.rules`): a user rule
// with a built-in's name replaces it (`match: ''` removes it), others are tried first.
import type { KnownAgent } from '../state/model.js';
import { aiderRules } from './aider.js';
import { claudeRules } from './claude.js';
import { codexRules } from './codex.js';
import { geminiRules } from './gemini.js';
import { opencodeRules } from './opencode.js';
import type { ScreenRule } from './types.js';

export { SCREEN_LINES, type ScreenRule } from './types.js';

/** The rules pots ships, per agent. */
export const BUILTIN_RULES: Readonly<Record<KnownAgent, readonly ScreenRule[]>> = {
  claude: claudeRules,
  codex: codexRules,
  gemini: geminiRules,
  aider: aiderRules,
  opencode: opencodeRules,
};

/** A compiled rule. */
export interface CompiledRule extends ScreenRule {
  re: RegExp;
}

/**
 * The rules for `agent`: the user's new rules first, then the built-ins (replaced by a user rule
 * of the same name; dropped when that rule's `match` is empty).
 * @example rulesFor('claude', { claude: [{ name: 'spinner', state: 'working', match: '' }] })
 */
export function rulesFor(
  agent: string,
  overrides: Readonly<Record<string, readonly ScreenRule[]>> = {},
): CompiledRule[] {
  const builtin = (BUILTIN_RULES as Record<string, readonly ScreenRule[] | undefined>)[agent] ?? [];
  const user = overrides[agent] ?? [];
  const byName = new Map(user.map((rule) => [rule.name, rule]));
  const builtinNames = new Set(builtin.map((rule) => rule.name));
  const merged = [
    ...user.filter((rule) => !builtinNames.has(rule.name)),
    ...builtin.map((rule) => byName.get(rule.name) ?? rule),
  ].filter((rule) => rule.match !== '');
  return merged.map((rule) => ({ ...rule, re: new RegExp(rule.match, 'u') }));
}

/**
 * The first rule (in order) that matches one of `lines`, with the line.
 * @example matchScreen(rulesFor('claude'), ['✻ Thinking… (3s · esc to interrupt)'])?.rule.name // 'esc-to-interrupt'
 */
export function matchScreen(
  rules: readonly CompiledRule[],
  lines: readonly string[],
): { rule: CompiledRule; line: string } | null {
  for (const rule of rules) {
    for (let i = lines.length - 1; i >= 0; i--) {
      if (rule.re.test(lines[i]!)) return { rule, line: lines[i]!.trim() };
    }
  }
  return null;
}
