// For a command that kills the tmux session or window it runs in: that kill hangs up the pane's
// process group (SIGHUP) and closes the terminal under stdout and stderr (EPIPE/EIO). Installed by
// the program (a CLI command, a pane program, a plugin hook), never by a library call.

/**
 * From now on this process ignores SIGHUP and write errors on stdout and stderr, so that it can
 * finish what it does after its own terminal is gone. Call it just before killing your own unit.
 * @example await executeKill(pots, plan, { beforeSelfKill: surviveHangup });
 */
export function surviveHangup(): void {
  process.on('SIGHUP', ignore);
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
}

function ignore(): void {}
