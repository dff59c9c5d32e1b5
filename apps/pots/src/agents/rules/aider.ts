// aider's screens: its yes/no questions ("Add file to the chat? (Y)es/(N)o/(D)on't ask again
// [Yes]:"), the wait for the model ("Waiting for <model>"), and its prompt (`> `, `architect> `).
import type { ScreenRule } from './types.js';

export const aiderRules: readonly ScreenRule[] = [
  { name: 'yes-no', state: 'waiting', match: '\\(Y\\)es/\\(N\\)o' },
  { name: 'waiting-for-model', state: 'working', match: '^\\W*Waiting for ' },
  { name: 'prompt', state: 'idle', match: '^(\\w+)?>\\s*$' },
]; // prettier-ignore
