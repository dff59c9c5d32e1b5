// @plumpots/pots — pots's typed library API. No commander, no printing, no process.exit.
export { version } from './version.js';
