// Screen rules: which text on an agent's last screen lines means waiting, working or idle. Data, not
// code: a rule is a name, a state and a regular expression; the first rule (in order) with a match
// among the last lines decides. Users add or replace rules by name in `pots.agents.rules`.

/** One screen rule. */
export interface ScreenRule {
  /** Unique within its agent; a config rule with the same name replaces it. */
  name: string;
  state: 'working' | 'waiting' | 'idle';
  /** A JavaScript regular expression source, tested against each of the last lines. */
  match: string;
}

/** How many of the screen's last non-blank lines the rules look at. */
export const SCREEN_LINES = 15;
