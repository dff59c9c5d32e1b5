// Shell completion for plum and pots, generated from the commander program itself so that it never
// drifts from the real commands: names, aliases, options, which options take a value, and where
// argument values come from. The static part is baked into the script; dynamic values (worktree
// names, sessions…) come from the bin's hidden `__complete <kind>` command, one value per line,
// optionally followed by a tab and a description.
import { bashScript } from './completion/bash.js';
import { fishScript } from './completion/fish.js';
import type { Shell, CompletionSpec } from './completion/spec.js';
import { zshScript } from './completion/zsh.js';

export {
  completionSpec,
  setCompletion,
  SHELLS,
  type CompletionArgument,
  type CompletionCommand,
  type CompletionOption,
  type CompletionSource,
  type CompletionSources,
  type CompletionSpec,
  type Shell,
} from './completion/spec.js';
export { completionMarker } from './completion/script.js';

/**
 * The completion script for `shell`: source it (`eval "$(plum completion bash)"`), or save it where
 * the shell autoloads completions. It exports `<BIN>_COMPLETION=<shell>` so that `doctor` can tell.
 * @example process.stdout.write(completionScript('bash', completionSpec(program, { forward: ['-C'] })))
 */
export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}
