// Parses YAML and JSON config text; a syntax error becomes a ConfigError naming the file.
import { load, YAMLException } from 'js-yaml';
import { ConfigError } from '../errors.js';

/** Parsed YAML; `undefined` for a document that holds nothing (empty, comments, `~`). */
export function parseYaml(file: string, text: string): unknown {
  try {
    return load(text, { filename: file }) ?? undefined;
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark
      ? ` (line ${error.mark.line + 1}, column ${error.mark.column + 1})`
      : '';
    throw new ConfigError(`${file}: YAML syntax error: ${error.reason}${where}`, file, undefined, {
      cause: error,
      details: error.mark?.snippet ? error.mark.snippet.split('\n') : undefined,
    });
  }
}

/** Parsed JSON; `undefined` for a blank file. */
export function parseJson(file: string, text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(
      `${file}: JSON syntax error: ${(error as Error).message}`,
      file,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** `.json` files are JSON; everything else we read (`.yaml`, `.yml`, no extension) is YAML. */
export function parseConfigText(file: string, text: string): unknown {
  return file.endsWith('.json') ? parseJson(file, text) : parseYaml(file, text);
}
