// Names → ids, exactly. `-t NAME` falls back to prefix and glob matching (kill-session -t feat-login
// killed feat-login-v2), so pots lists once, matches the name in JS, and targets the id.
import { NotFoundError } from '@plumpots/core';
import { listSessions, type TmuxSession } from './listing.js';
import type { Tmux } from './server.js';

const ID = /^[$@%]\d+$/;

/**
 * A tmux target for an id (`$3` session, `@7` window, `%12` pane); throws for anything else, so a
 * name can never slip into a `-t`.
 * @example ['kill-session', '-t', target(session.id)]
 */
export function target(id: string): string {
  if (!ID.test(id)) throw new Error(`not a tmux id: ${JSON.stringify(id)}`);
  return id;
}

/**
 * The session named exactly `name`, or null.
 * @example const s = await findSessionByName(tmux, 'app-main-dev'); if (s) target(s.id)
 */
export async function findSessionByName(tmux: Tmux, name: string): Promise<TmuxSession | null> {
  const sessions = await listSessions(tmux);
  return sessions.find((session) => session.name === name) ?? null;
}

/**
 * The session named exactly `name`; NotFoundError (exit 3) when there is none — never a session
 * whose name merely starts with `name`.
 * @example const { id } = await resolveSession(tmux, 'app-main-dev')
 */
export async function resolveSession(tmux: Tmux, name: string): Promise<TmuxSession> {
  const session = await findSessionByName(tmux, name);
  if (!session) {
    throw new NotFoundError('ERR_POTS_SESSION_NOT_FOUND', `no tmux session named "${name}"`, {
      hint: 'names match exactly; list sessions with `tmux ls`',
    });
  }
  return session;
}
