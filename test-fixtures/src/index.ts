export { tempDir, registerCleanup } from './temp.js';
export { gitRepo, hermeticEnv, cleanEnv, type GitRepo } from './git-repo.js';
export { tmuxServer, TMUX_CONF, type TmuxServer } from './tmux-server.js';
export { terminal, type Terminal } from './terminal.js';
export { runCli, binPath, type CliResult } from './run-cli.js';
export { retryUntil } from './retry-until.js';
export { testPluginPath } from './plugins.js';
export { validateJsonSchema } from './json-schema.js';
export { spawnShim, type SpawnShim } from './spawn-shim.js';
export { importedModules, type ImportedModules } from './imported-modules.js';
export { which, binDir, shellArgv, runShell, type ShellName } from './shells.js';
export { staleDocs, COMMAND_DOCS_DIR } from './generated-docs.js';
export {
  listProcesses,
  processTree,
  processesInside,
  killAll,
  type TestProcess,
} from './processes.js';
