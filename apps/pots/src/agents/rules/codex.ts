// Codex CLI's screens: the approval question ("Would you like to run the following command?",
// "Allow command?", "Yes, proceed"), the working line ("• Working (12s • esc to interrupt)") and the
// composer's footer ("⏎ send").
import type { ScreenRule } from './types.js';

export const codexRules: readonly ScreenRule[] = [
  { name: 'approval-question', state: 'waiting', match: 'Would you like to (run|make|apply)|Allow command\\?' },
  { name: 'approval-menu', state: 'waiting', match: 'Yes, proceed' },
  { name: 'esc-to-interrupt', state: 'working', match: 'esc to interrupt' },
  { name: 'composer-footer', state: 'idle', match: '⏎ send' },
  { name: 'composer', state: 'idle', match: 'Ask Codex to do anything' },
]; // prettier-ignore
