// Template files in any format pots reads: which one a file is, and the importer for it (tmuxp in
// import-tmuxp.ts, tmuxinator in import-tmuxinator.ts; a pots file is checked as it is).
import { fromTmuxinator } from './import-tmuxinator.js';
import { fromTmuxp } from './import-tmuxp.js';
import {
  isRecord,
  nameFrom,
  sourceOf,
  type ImportOptions,
  type ImportResult,
} from './import-shared.js';
import { normalizeTemplate, type TemplateFormat } from './model.js';

export type { ImportOptions, ImportResult } from './import-shared.js';
export { fromTmuxinator } from './import-tmuxinator.js';
export { fromTmuxp } from './import-tmuxp.js';

const TMUXP_KEYS = [
  'session_name',
  'shell_command_before',
  'start_directory',
  'before_script',
  'global_options',
];
const TMUXINATOR_KEYS = [
  'root',
  'project_root',
  'project_name',
  'pre_window',
  'pre_tab',
  'tabs',
  'startup_window',
  'startup_pane',
];

/**
 * Which format parsed file data is in: `tmuxp` (`session_name`, `window_name`), `tmuxinator`
 * (`root`, `pre_window`, windows as `name: command` maps) or `pots` (`windows: [{ name, panes }]`).
 * @example detectTemplateFormat({ session_name: 'x', windows: [] }) // 'tmuxp'
 */
export function detectTemplateFormat(data: unknown): TemplateFormat {
  if (!isRecord(data)) return 'pots';
  const keys = Object.keys(data);
  const has = (names: string[]) => names.some((name) => keys.includes(name));
  if (has(TMUXP_KEYS)) return 'tmuxp';
  if (has(TMUXINATOR_KEYS)) return 'tmuxinator';
  const windows = Array.isArray(data.windows) ? data.windows : [];
  if (windows.some((w) => isRecord(w) && 'window_name' in w)) return 'tmuxp';
  const tmuxinatorish = (w: unknown) =>
    typeof w === 'string' ||
    (isRecord(w) && Object.keys(w).length === 1 && !('name' in w) && !('panes' in w));
  if (windows.length > 0 && windows.every(tmuxinatorish)) return 'tmuxinator';
  if (keys.includes('name') && !windows.some((w) => isRecord(w) && 'name' in w)) {
    return 'tmuxinator';
  }
  return 'pots';
}

/**
 * Any supported file's data as a pots template: detects the format, then converts.
 * @example const { template, warnings } = importTemplate(data, { file: '.tmuxp.yaml' })
 */
export function importTemplate(data: unknown, options: ImportOptions = {}): ImportResult {
  const format = detectTemplateFormat(data);
  if (format === 'tmuxp') return fromTmuxp(data, options);
  if (format === 'tmuxinator') return fromTmuxinator(data, options);
  const name = options.name ?? nameFrom(undefined, options.file);
  const template = normalizeTemplate(name, data, sourceOf(options), {
    format: 'pots',
    where: { file: options.file, key: options.file ? '' : name },
  });
  return { template, warnings: [], format };
}
