// Session naming: pure functions from project/worktree/task to a tmux-safe name.
export {
  SEGMENT_MAX,
  SESSION_NAME_MAX,
  disambiguate,
  sanitizeSegment,
  sessionName,
  withCollisionSuffix,
  type SessionNameParts,
} from './codec.js';
