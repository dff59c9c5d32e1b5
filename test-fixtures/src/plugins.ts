import { fileURLToPath } from 'node:url';

/** Absolute path of a test plugin in test-fixtures/plugins (`recorder` or `thrower`). */
export function testPluginPath(name: 'recorder' | 'thrower'): string {
  return fileURLToPath(new URL(`../plugins/${name}.mjs`, import.meta.url));
}
