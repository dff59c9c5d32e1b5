import { describe, expect, it } from 'vitest';
import { createPalette, type Column } from '../../src/ui/index.js';
import { renderTable } from '../../src/ui/table.js';

interface Wt {
  name: string;
  ahead: number;
  path: string | null;
  locked?: boolean;
}

const rows: Wt[] = [
  { name: 'main', ahead: 0, path: '/repo' },
  { name: 'feat/login', ahead: 12, path: '/repo.worktrees/feat-login', locked: true },
  { name: 'fix', ahead: 3, path: null },
];
const columns: Column<Wt>[] = [
  { key: 'name', header: 'NAME' },
  { key: 'ahead', header: 'AHEAD', align: 'right' },
  { key: 'path', header: 'PATH' },
];

describe('renderTable', () => {
  it('lays rows out under a header with two-space gutters and no trailing blanks', () => {
    expect(renderTable(rows, columns)).toBe(
      [
        'NAME        AHEAD  PATH',
        'main            0  /repo',
        'feat/login     12  /repo.worktrees/feat-login',
        'fix             3',
      ].join('\n'),
    );
  });

  it('formats cells with format(value, row)', () => {
    const cols: Column<Wt>[] = [
      {
        key: 'name',
        header: 'NAME',
        format: (value, row) => `${String(value)}${row.locked ? ' (locked)' : ''}`,
      },
      {
        key: 'ahead',
        header: 'AHEAD',
        align: 'right',
        format: (value) => (value === 0 ? '-' : `↑${String(value)}`),
      },
    ];
    expect(renderTable(rows, cols)).toBe(
      [
        'NAME                 AHEAD',
        'main                     -',
        'feat/login (locked)    ↑12',
        'fix                     ↑3',
      ].join('\n'),
    );
  });

  it('measures wide characters as two columns', () => {
    const wide = [
      { name: '日本語', n: 1 },
      { name: 'ab', n: 2 },
    ];
    expect(
      renderTable(wide, [
        { key: 'name', header: 'NAME' },
        { key: 'n', header: 'N' },
      ]),
    ).toBe(['NAME    N', '日本語  1', 'ab      2'].join('\n'));
  });

  it('sanitizes every cell and header into one line', () => {
    const hostile = [
      { name: '\u001b]52;c;cHduZWQ=\u0007evil\nname\u202e', n: '\u001b[31m1\u001b[0m' },
    ];
    expect(
      renderTable(hostile, [
        { key: 'name', header: 'NAME\u001b[6n' },
        { key: 'n', header: 'N' },
      ]),
    ).toBe(['NAME       N', 'evil name  1'].join('\n'));
  });

  it('prints only the header without rows', () => {
    expect(renderTable([], columns)).toBe('NAME  AHEAD  PATH');
  });

  it('with colour, dims the header and keeps the colours format() adds', () => {
    const c = createPalette(true);
    const out = renderTable(
      [{ state: 'ok' }],
      [{ key: 'state', header: 'STATE', format: (v) => c.green(String(v)) }],
      {
        color: true,
        palette: c,
      },
    );
    expect(out).toBe(`${c.dim('STATE')}\n${c.green('ok')}`);
  });

  it('turns other values into text', () => {
    const out = renderTable(
      [{ v: true }, { v: 10n }, { v: { a: 1 } }, { v: new Date(0) }, { v: undefined }],
      [{ key: 'v', header: 'V' }],
    );
    expect(out).toBe(['V', 'true', '10', '{"a":1}', '1970-01-01T00:00:00.000Z', ''].join('\n'));
  });
});
