// Claude Code's screens. Permission and question menus ("Do you want to proceed?", a numbered
// "❯ 1. Yes" menu, "Enter to select"), the working line ("✻ Thinking… (12s · esc to interrupt)",
// whose "esc to interrupt" later versions dropped — so the spinner line counts too), and the input
// box with its "? for shortcuts" footer. Waiting comes first: the input box is drawn under a menu.
import type { ScreenRule } from './types.js';

export const claudeRules: readonly ScreenRule[] = [
  { name: 'permission-question', state: 'waiting', match: 'Do you want to (proceed|make this edit|create|run)' },
  { name: 'numbered-menu', state: 'waiting', match: '^[\\s│]*❯\\s*1\\.\\s+Yes' },
  { name: 'select-menu', state: 'waiting', match: 'Enter to select' },
  { name: 'esc-to-interrupt', state: 'working', match: 'esc to interrupt' },
  { name: 'spinner', state: 'working', match: '^\\s*[·✢✳✶✻✽*]\\s+\\S+…\\s*\\(\\d+s' },
  { name: 'prompt-footer', state: 'idle', match: '\\? for shortcuts' },
  { name: 'input-box', state: 'idle', match: '^\\s*│\\s*[>❯]\\s' },
]; // prettier-ignore
