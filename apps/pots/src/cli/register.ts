// Every pots command: each file adds one command to the program.
import type { Command } from 'commander';
import { registerApply } from './apply.js';
import { registerAttach } from './attach.js';
import { registerCleanup } from './cleanup.js';
import { registerCreate } from './create.js';
import { registerDetach } from './detach.js';
import { registerDoctor } from './doctor.js';
import { registerInfo } from './info.js';
import { registerKill } from './kill.js';
import { registerList } from './list.js';
import { registerOpen } from './open.js';
import { registerTemplates } from './templates.js';
import { registerSpawn } from './spawn.js';
import { registerSend } from './send.js';
import { registerBroadcast } from './broadcast.js';
import { registerCapture } from './capture.js';
import { registerLogs } from './logs.js';
import { registerPs } from './ps.js';
import { registerWait } from './wait.js';

type Registrar = (program: Command) => void;

/** The built-in commands, in the order `pots --help` lists them. */
export const builtinCommands: readonly Registrar[] = [
  registerOpen,
  registerCreate,
  registerList,
  registerAttach,
  registerDetach,
  registerInfo,
  registerKill,
  registerCleanup,
  registerApply,
  registerTemplates,
  registerSpawn,
  registerSend,
  registerBroadcast,
  registerCapture,
  registerLogs,
  registerPs,
  registerWait,
  registerDoctor,
];
