// Waiting on what a pane shows, for the dashboard tests: poll its screen with a deadline that is
// for hangs, and say what the screen was when it runs out.
import { retryUntil } from '@plumpots/test-fixtures';

export const WAIT = { timeout: 60_000, interval: 50 };

/**
 * Polls `read()` until `test` holds; returns that screen, or throws `message` with the last one.
 * @example await waitScreen(screen, (s) => s.includes('alpha'), 'alpha is listed')
 */
export async function waitScreen(
  read: () => string,
  test: (text: string) => boolean,
  message: string,
): Promise<string> {
  let last = '';
  try {
    return await retryUntil(() => {
      last = read();
      return test(last) ? last : null;
    }, WAIT);
  } catch {
    throw new Error(`${message}; the screen was:\n${last}`);
  }
}
