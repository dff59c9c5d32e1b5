// A test plugin whose hooks throw (which hook is chosen by $PLUM_TEST_THROW_ON, default all).
const maybeThrow = (hook) => () => {
  const on = process.env.PLUM_TEST_THROW_ON;
  if (!on || on === hook) throw new Error(`boom in ${hook}`);
};

export default {
  name: 'thrower',
  hooks: {
    'worktree:afterCreate': maybeThrow('worktree:afterCreate'),
    'worktree:beforeRemove': maybeThrow('worktree:beforeRemove'),
    'worktree:afterRemove': maybeThrow('worktree:afterRemove'),
    'list:columns': maybeThrow('list:columns'),
  },
};
