// Every plum command, registered like a plugin's: each file adds one command to the program.
import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerConfig } from './config.js';
import { registerTrust } from './trust.js';
import { registerDoctor } from './doctor.js';
import { registerCreate } from './create.js';
import { registerList } from './list.js';
import { registerPath } from './path.js';
import { registerRemove } from './remove.js';
import { registerPrune } from './prune.js';
import { registerCd } from './cd.js';
import { registerShellInit } from './shell-init.js';
import { registerCompletion } from './completion.js';

type Registrar = (program: Command) => void;

/** The built-in commands, in the order `plum --help` lists them. */
export const builtinCommands: readonly Registrar[] = [
  registerCreate,
  registerList,
  registerPath,
  registerCd,
  registerRemove,
  registerPrune,
  registerInit,
  registerConfig,
  registerTrust,
  registerDoctor,
  registerShellInit,
  registerCompletion,
];
