// opencode's screens: its working line ends in "esc interrupt".
import type { ScreenRule } from './types.js';

export const opencodeRules: readonly ScreenRule[] = [
  { name: 'esc-interrupt', state: 'working', match: 'esc (to )?interrupt' },
]; // prettier-ignore
