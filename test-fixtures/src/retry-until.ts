// Waiting for tmux's asynchronous effects: poll with a deadline, never a fixed sleep.

/**
 * Calls `fn` until it returns a truthy value (returned) or the deadline passes (throws the last
 * error, or a timeout error). The default deadline, 30 s, is for hangs: a busy machine can take
 * seconds over what is quick when idle.
 * @example await retryUntil(() => capture().includes('ready'), { timeout: 5000 });
 */
export async function retryUntil<T>(
  fn: () => T | Promise<T>,
  options: { timeout?: number; interval?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeout ?? 30_000);
  const interval = options.interval ?? 20;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      if (lastError instanceof Error) throw lastError;
      throw new Error(options.message ?? 'retryUntil: condition not met before the deadline');
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
