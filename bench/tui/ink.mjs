// One frame of the dashboard's list, for bench/tui/run.sh (a comparison of screen libraries).
import React from 'react';
import { render, Box, Text } from 'ink';
const rows = Array.from(
  { length: 20 },
  (_, i) => `  working   ${i}s   claude   shop-feat-${i}-dev:claude   %${i}`,
);
const h = React.createElement;
const app = render(
  h(
    Box,
    { flexDirection: 'column' },
    h(Text, { bold: true }, 'shop  main  clean'),
    ...rows.map((r, i) => h(Text, { key: i, color: i === 0 ? 'yellow' : undefined }, r)),
    h(Text, { dimColor: true }, '3 working · 1 waiting · 2 idle   ? keys'),
  ),
  { patchConsole: false, exitOnCtrlC: false },
);
app.unmount();
process.stderr.write(`rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
