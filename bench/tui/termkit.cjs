// One frame of the dashboard's list, for bench/tui/run.sh (a comparison of screen libraries).
const term = require('terminal-kit').terminal;
const rows = Array.from(
  { length: 20 },
  (_, i) => `  working   ${i}s   claude   shop-feat-${i}-dev:claude   %${i}`,
);
const ScreenBuffer = require('terminal-kit').ScreenBuffer;
const sb = new ScreenBuffer({ dst: term, width: 80, height: 24 });
sb.put({ x: 0, y: 0, attr: { bold: true } }, 'shop  main  clean');
rows.forEach((r, i) => sb.put({ x: 0, y: i + 1, attr: i === 0 ? { color: 'yellow' } : {} }, r));
sb.put({ x: 0, y: 22 }, '3 working · 1 waiting · 2 idle   ? keys');
sb.draw();
process.stderr.write(`rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
process.exit(0);
