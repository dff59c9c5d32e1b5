// The plum plugin pots ships (`plugins: ["@plumpots/pots/plum-plugin"]`). Its hooks arrive with the
// pots sessions issue; until then it registers nothing, so naming it in config is harmless.
import { definePlugin } from '@plumpots/core';

export default definePlugin({ name: '@plumpots/pots/plum-plugin' });
