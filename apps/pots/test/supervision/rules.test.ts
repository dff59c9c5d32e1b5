// Screen rules are data: each agent's screens (as the stand-ins draw them, from the agents' public
// docs and issue reports) match the right state, and config rules replace or remove built-ins.
import { describe, expect, it } from 'vitest';
import { agentFromCommand, rulesFor } from '../../src/api/supervision.js';
import { screenMatch } from '../../src/agents/state/screen.js';

describe('screen rules', () => {
  const screens: Array<[string, string[], string | null]> = [
    ['claude', [' Do you want to proceed?', ' ❯ 1. Yes', '   2. No'], 'waiting'],
    ['claude', ['Which approach?', '❯ 1. Minimal', 'Enter to select · ↑/↓ to navigate · Esc to cancel'], 'waiting'],
    ['claude', ['✻ Thinking… (12s · esc to interrupt)', '│ >   │'], 'working'],
    ['claude', ['✶ Cogitating… (3s · ↑ 1.2k tokens)', '│ >   │'], 'working'],
    ['claude', ['│ > Try "fix lint"  │', '  ? for shortcuts'], 'idle'],
    ['claude', ['$ ls', 'README.md'], null],
    ['codex', ['• Working (4s • esc to interrupt)'], 'working'],
    ['codex', ['Would you like to run the following command?', '› 1. Yes, proceed'], 'waiting'],
    ['codex', ['› Ask Codex to do anything', '  ⏎ send   ⇧⏎ newline'], 'idle'],
    ['gemini', ['⠋ Thinking... (esc to cancel, 5s)'], 'working'],
    ['gemini', ['│ Allow execution of: npm test? │', '│ ● 1. Yes, allow once │'], 'waiting'],
    ['gemini', ['│ >   Type your message or @path/to/file │'], 'idle'],
    ['aider', ["Add file to the chat? (Y)es/(N)o/(D)on't ask again [Yes]:"], 'waiting'],
    ['aider', ['░█ Waiting for gpt-5'], 'working'],
    ['aider', ['architect> '], 'idle'],
  ]; // prettier-ignore
  it.each(screens)('%s: %j → %s', (agent, lines, state) => {
    expect(screenMatch(agent, lines)?.state ?? null).toBe(state);
  });

  it('names the rule and the line that matched', () => {
    expect(screenMatch('claude', ['x', '✻ Thinking… (2s · esc to interrupt)'])).toEqual({
      rule: 'claude/esc-to-interrupt',
      state: 'working',
      line: '✻ Thinking… (2s · esc to interrupt)',
    });
  });

  it('config rules come first, replace a built-in by name, and an empty match removes one', () => {
    const overrides = {
      claude: [
        { name: 'quota', state: 'waiting' as const, match: 'usage limit reached' },
        { name: 'esc-to-interrupt', state: 'working' as const, match: 'press esc to stop' },
        { name: 'prompt-footer', state: 'idle' as const, match: '' },
      ],
    };
    const names = rulesFor('claude', overrides).map((r) => r.name);
    expect(names[0]).toBe('quota');
    expect(names).not.toContain('prompt-footer');
    expect(screenMatch('claude', ['Claude usage limit reached'], overrides)?.rule).toBe(
      'claude/quota',
    );
    expect(screenMatch('claude', ['esc to interrupt'], overrides)).toBeNull();
    expect(screenMatch('claude', ['  ? for shortcuts'], overrides)).toBeNull();
    // Rules for an agent pots does not know, from config only.
    expect(
      screenMatch('mybot', ['READY>'], {
        mybot: [{ name: 'ready', state: 'idle', match: '^READY>' }],
      })?.state,
    ).toBe('idle');
  });

  it('detects agents from their command lines', () => {
    expect(agentFromCommand('claude --permission-mode plan')).toBe('claude');
    expect(agentFromCommand('/usr/local/bin/codex exec hi')).toBe('codex');
    expect(agentFromCommand('npx -y @google/gemini-cli')).toBe('gemini');
    expect(agentFromCommand('node /opt/lib/node_modules/@anthropic-ai/claude-code/cli.js')).toBe(
      'claude',
    );
    expect(agentFromCommand('npm run dev')).toBeNull();
    expect(agentFromCommand('sh -c "echo claude"')).toBeNull();
  });
});
