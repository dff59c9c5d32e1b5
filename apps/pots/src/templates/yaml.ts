// Reading template files (YAML or JSON) and writing pots templates as YAML. pots has no YAML parser
// of its own: it uses core's (`@plumpots/core/config/parse`), loaded when a file is read. Writing
// needs no parser: every scalar is written as a JSON string, which is valid YAML.
import type { Template, TemplatePane, TemplateWindow } from './model.js';

/** Parses one file's text (`file` is for messages). */
export type TemplateTextParser = (file: string, text: string) => unknown;

/**
 * The parser for template files: JSON by extension (any case), else YAML; a syntax error is a
 * ConfigError naming the file (exit 6).
 * @example const data = (await templateTextParser())('x.yaml', text)
 */
export async function templateTextParser(): Promise<TemplateTextParser> {
  const { parseJson, parseYaml } = await import('@plumpots/core/config/parse');
  return (file, text) =>
    /\.json$/i.test(file) ? parseJson(file, text) : parseYaml(file, explicitEmptyItems(text));
}

/**
 * Writes YAML's empty sequence entries (a line that is only `-`) as `- ~`, which means the same.
 * js-yaml 4 reads a bare `-` followed by a less indented `-` as one list (tmuxp's own
 * `blank-panes` example then loses a window); with `~` it reads them as YAML says. Lines inside
 * block scalars (`|`, `>`) are text and stay as they are.
 * @example explicitEmptyItems('a:\n  -\n- b') // 'a:\n  - ~\n- b'
 */
export function explicitEmptyItems(text: string): string {
  let block: number | null = null;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (block !== null) {
        if (line.trim() === '' || indent > block) return line;
        block = null;
      }
      if (/^\s*(?:-\s+|[^#'"]*:\s+)?[|>][-+0-9]*\s*(?:#.*)?$/.test(line)) {
        block = indent;
        return line;
      }
      const bare = /^(\s*)-(\s+#.*)?\s*$/.exec(line);
      return bare ? `${bare[1] ?? ''}- ~${bare[2] ?? ''}` : line;
    })
    .join('\n');
}

/**
 * A pots template as a YAML document (what `pots templates import` prints and `--write` saves),
 * readable back by any YAML parser. Scalars are JSON-quoted, so no value can change meaning.
 * @example templateToYaml(template) // 'description: "…"\nwindows:\n  - name: "dev"\n…'
 */
export function templateToYaml(
  template: Pick<Template, 'description' | 'options' | 'windows' | 'run'>,
): string {
  const lines: string[] = [];
  const q = (s: string) => JSON.stringify(s);
  const map = (indent: string, entries: Readonly<Record<string, string>>) => {
    for (const [key, value] of Object.entries(entries))
      lines.push(`${indent}${q(key)}: ${q(value)}`);
  };
  if (template.description !== undefined) lines.push(`description: ${q(template.description)}`);
  if (template.run !== undefined) lines.push(`run: ${q(template.run)}`);
  if (template.options && Object.keys(template.options).length > 0) {
    lines.push('options:');
    map('  ', template.options);
  }
  lines.push('windows:');
  for (const window of template.windows) writeWindow(lines, window, q, map);
  return `${lines.join('\n')}\n`;
}

function writeWindow(
  lines: string[],
  window: TemplateWindow,
  q: (s: string) => string,
  map: (indent: string, entries: Readonly<Record<string, string>>) => void,
): void {
  // An unnamed window is written without a name, so tmux keeps naming it.
  lines.push(window.unnamed ? '  - name: null' : `  - name: ${q(window.name)}`);
  if (window.index !== undefined) lines.push(`    index: ${window.index}`);
  if (window.run !== undefined) lines.push(`    run: ${q(window.run)}`);
  if (window.layout !== undefined) lines.push(`    layout: ${q(window.layout)}`);
  if (window.cwd !== undefined) lines.push(`    cwd: ${q(window.cwd)}`);
  if (window.focus) lines.push('    focus: true');
  if (window.env && Object.keys(window.env).length > 0) {
    lines.push('    env:');
    map('      ', window.env);
  }
  if (window.options && Object.keys(window.options).length > 0) {
    lines.push('    options:');
    map('      ', window.options);
  }
  if (window.optionsAfter && Object.keys(window.optionsAfter).length > 0) {
    lines.push('    optionsAfter:');
    map('      ', window.optionsAfter);
  }
  lines.push('    panes:');
  for (const pane of window.panes) writePane(lines, pane, q, map);
}

function writePane(
  lines: string[],
  pane: TemplatePane,
  q: (s: string) => string,
  map: (indent: string, entries: Readonly<Record<string, string>>) => void,
): void {
  const fields: string[] = [];
  if (pane.command !== undefined) fields.push(`command: ${q(pane.command)}`);
  if (pane.cwd !== undefined) fields.push(`cwd: ${q(pane.cwd)}`);
  if (pane.title !== undefined) fields.push(`title: ${q(pane.title)}`);
  if (pane.focus) fields.push('focus: true');
  if (pane.run !== undefined) fields.push(`run: ${q(pane.run)}`);
  if (pane.enter === false) fields.push('enter: false');
  if (pane.history === false) fields.push('history: false');
  const hasEnv = pane.env !== undefined && Object.keys(pane.env).length > 0;
  if (fields.length === 0 && !hasEnv) {
    lines.push('      - null');
    return;
  }
  if (hasEnv) fields.push('env:');
  lines.push(`      - ${fields[0]}`);
  for (const field of fields.slice(1)) lines.push(`        ${field}`);
  if (hasEnv) map('          ', pane.env ?? {});
}
