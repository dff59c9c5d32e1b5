// @plumpots/core — shared by plum and pots. Side-effect free: importing it spawns and prints nothing.
export * from './errors.js';
export * from './env.js';
export {
  runProcess,
  onSpawn,
  waitForChildren,
  type SpawnOptions,
  type SpawnResult,
  type SpawnListener,
} from './process/spawn.js';
export * from './git/index.js';
export * from './plugins/index.js';
export * from './cli/index.js';
