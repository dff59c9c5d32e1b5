// `@plumpots/plum/setup`: what a new worktree gets — the copied files and the hooks — as a library.
// Apart from the main entry so that importing plum's API does not load execa and the glob library
// (a bundle that imports the main entry would load them for every command).
export { copyIntoWorktree, checkCopyGlobs } from './api/copy.js';
export {
  runHooks,
  hookEnv,
  HOOK_OUTPUT_LINES,
  type HookVars,
  type HookRun,
  type RunHooksOptions,
} from './api/hooks.js';
