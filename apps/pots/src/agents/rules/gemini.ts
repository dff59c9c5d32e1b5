// Gemini CLI's screens: the confirmation box ("Apply this change?", "Allow execution?", "Yes, allow
// once"), the working line ("⠋ Thinking… (esc to cancel, 5s)") and the input prompt ("Type your
// message or @path/to/file").
import type { ScreenRule } from './types.js';

export const geminiRules: readonly ScreenRule[] = [
  { name: 'confirmation', state: 'waiting', match: 'Apply this change\\?|Allow execution|Yes, allow once' },
  { name: 'esc-to-cancel', state: 'working', match: 'esc to cancel' },
  { name: 'input-prompt', state: 'idle', match: 'Type your message' },
]; // prettier-ignore
