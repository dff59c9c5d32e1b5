// Borderless listings (`plum list`, `pots ls`): columns separated by two spaces, no trailing blanks.
// cli-table3 does the layout because it measures cells with string-width: colour codes take no
// room, CJK and emoji take two columns. Hand-rolled padding gets those wrong.
import Table from 'cli-table3';
import type { Palette } from './colors.js';
import { sanitizeForTerminal } from './sanitize.js';

export interface Column<Row extends object = Record<string, unknown>> {
  /** The row property shown in this column. */
  key: keyof Row & string;
  header: string;
  align?: 'left' | 'right';
  /** Turns the value into the cell's text (default: `String(value)`, `''` for null/undefined). */
  format?: (value: unknown, row: Row) => string;
}

export interface RenderTableOptions {
  /** Colour the header and keep colours the `format` functions add. Default false. */
  color?: boolean;
  palette?: Palette;
}

const BLANK = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * Lays out `rows` under a header line, one line per row, without a final newline. Every cell goes
 * through `sanitizeForTerminal` (one-line; SGR kept only with `color`).
 * @example renderTable([{ name: 'main', ahead: 0 }], [{ key: 'name', header: 'NAME' }, { key: 'ahead', header: 'AHEAD', align: 'right' }])
 * // 'NAME  AHEAD\nmain      0'
 */
export function renderTable<Row extends object>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  options: RenderTableOptions = {},
): string {
  const color = options.color ?? false;
  const clean = (text: string) => sanitizeForTerminal(text, { keepSgr: color, multiline: false });
  const head = columns.map((column) => {
    const text = clean(column.header);
    return color && options.palette ? options.palette.dim(text) : text;
  });
  const table = new Table({
    head,
    chars: BLANK,
    colAligns: columns.map((column) => column.align ?? 'left'),
    // style.head/border empty: cli-table3 would otherwise colour through @colors/colors, not ours.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) {
    table.push(
      columns.map((column) => {
        const value: unknown = row[column.key];
        return clean(column.format ? column.format(value, row) : defaultFormat(value));
      }),
    );
  }
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

function defaultFormat(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'symbol':
      return value.toString();
    default:
      return JSON.stringify(value) ?? '';
  }
}
