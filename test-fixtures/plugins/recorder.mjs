// A test plugin: appends every hook call (name + payload) as a JSON line to $PLUM_TEST_PLUGIN_LOG,
// adds a `recorder` column to `plum list`, and registers a `recorder` subcommand.
import { appendFileSync } from 'node:fs';

const record = (hook) => (payload) => {
  if (process.env.PLUM_TEST_PLUGIN_LOG) {
    appendFileSync(process.env.PLUM_TEST_PLUGIN_LOG, `${JSON.stringify({ hook, payload })}\n`);
  }
};

export default {
  name: 'recorder',
  commands: [
    {
      name: 'recorder',
      register(program) {
        program
          .command('recorder')
          .description('test plugin command')
          .action(() => {
            process.stdout.write('recorder ran\n');
          });
      },
    },
  ],
  hooks: {
    'worktree:afterCreate': record('worktree:afterCreate'),
    'worktree:beforeRemove': record('worktree:beforeRemove'),
    'worktree:afterRemove': record('worktree:afterRemove'),
    'list:columns': (payload) => {
      record('list:columns')(payload);
      return {
        key: 'recorder',
        header: 'REC',
        values: Object.fromEntries(payload.worktrees.map((w) => [w.path, `rec:${w.name}`])),
      };
    },
  },
};
