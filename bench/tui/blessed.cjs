// One frame of the dashboard's list, for bench/tui/run.sh (a comparison of screen libraries).
const blessed = require('blessed');
const screen = blessed.screen({ smartCSR: true, terminal: 'xterm-256color', warnings: false });
const rows = Array.from(
  { length: 20 },
  (_, i) => `  working   ${i}s   claude   shop-feat-${i}-dev:claude   %${i}`,
);
const list = blessed.list({
  parent: screen,
  top: 1,
  left: 0,
  width: '100%',
  height: 20,
  items: rows,
  style: { selected: { fg: 'yellow' } },
});
blessed.text({
  parent: screen,
  top: 0,
  left: 0,
  content: '{bold}shop  main  clean{/bold}',
  tags: true,
});
blessed.text({
  parent: screen,
  top: 21,
  left: 0,
  content: '3 working · 1 waiting · 2 idle   ? keys',
});
list.select(0);
screen.render();
screen.destroy();
process.stderr.write(`rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
