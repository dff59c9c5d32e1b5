// Codex (`notify` in config.toml) and aider (`.aider.conf.yml`) take one notification program per
// config, as top-level keys. pots adds its lines under a marker comment and takes out exactly
// those lines again; it refuses (exit 4) when the user already set the key to something else,
// rather than replacing the user's program. No TOML/YAML parser: only whole lines pots wrote move.
import { RefusedError } from '@plumpots/core';

/** The comment that marks pots's lines. */
export const MARKER = '# pots: agent states (pots hooks install; remove with --uninstall)';

/**
 * The config text with pots's `lines` (top-level `key = …` / `key: …`), or without them.
 * `beforeTables`: insert before the first `[table]` (TOML top-level keys must come first).
 * @example mergeLines('model = "o3"\n', ['notify = ["pots"]'], { keys: ['notify'], file: 'config.toml', beforeTables: true })
 */
export function mergeLines(
  text: string | null,
  lines: readonly string[],
  options: { keys: readonly string[]; file: string; beforeTables?: boolean; uninstall?: boolean },
): string | null {
  const existing = (text ?? '').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < existing.length; i++) {
    if (existing[i] === MARKER) {
      // pots's block: the marker and the lines after it that set one of its keys.
      while (i + 1 < existing.length && options.keys.some((k) => startsKey(existing[i + 1]!, k)))
        i++;
      continue;
    }
    kept.push(existing[i]!);
  }
  if (options.uninstall) {
    const out = kept.join('\n');
    return out.trim() === '' && text !== null ? null : out;
  }
  for (const key of options.keys) {
    const line = kept.find((l) => startsKey(l, key));
    if (line !== undefined) {
      throw new RefusedError(
        'ERR_POTS_HOOKS_TAKEN',
        `${options.file} already sets ${key} (${line.trim()}): pots would replace your program; nothing was changed`,
        {
          hint: 'remove that line, or call `pots report` from your own program; --print shows what pots would add',
        },
      );
    }
  }
  const block = [MARKER, ...lines];
  if (options.beforeTables) {
    const table = kept.findIndex((l) => /^\s*\[/.test(l));
    if (table !== -1) {
      kept.splice(table, 0, ...block, '');
      return kept.join('\n');
    }
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return `${[...kept, ...(kept.length > 0 ? [''] : []), ...block].join('\n')}\n`;
}

function startsKey(line: string, key: string): boolean {
  return new RegExp(`^\\s*${key.replace(/[-]/g, '\\-')}\\s*[=:]`).test(line);
}
