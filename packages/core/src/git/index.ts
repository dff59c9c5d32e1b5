export { git, gitEnv, gitFailure, type Git, type GitCallOptions } from './gateway.js';
