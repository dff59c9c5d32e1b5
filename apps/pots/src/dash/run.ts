// `pots dash`'s program: loads the data, draws the screen on the alternate screen, and hands the
// terminal over for an attach (the dashboard comes back when the client detaches). Imported only
// by the dash command, so ink and React load for no other command.
import { appendFileSync } from 'node:fs';
import { createElement } from 'react';
import { render, type Instance } from 'ink';
import { openPots, type PotsOptions } from '../api/dash.js';
import { DashController } from './controller.js';
import { DashScreen } from './screen.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?1049l';

export interface RunDashOptions extends Pick<PotsOptions, 'cwd' | 'env' | 'server' | 'mode'> {
  all: boolean;
  color: boolean;
}

/**
 * Runs the dashboard on this terminal until the user quits. `POTS_DASH_TRACE=<file>` appends
 * `<epoch ms> <pane> <state>` each time a frame first shows a pane's state (bench/ reads it),
 * `<epoch ms> first-frame <ms>` once, and `<epoch ms> exit` when it ends.
 * @example await runDash({ all: false, color: true })
 */
export async function runDash(options: RunDashOptions): Promise<void> {
  const { all, color, ...context } = options;
  const pots = openPots(context);
  const traceFile = pots.env.POTS_DASH_TRACE;
  const started = Date.now();
  let quit!: () => void;
  const done = new Promise<void>((resolve) => (quit = resolve));
  let instance: Instance | null = null;
  let firstFrame = true;

  const mount = () => {
    process.stdout.write(ENTER_ALT);
    instance = render(createElement(DashScreen, { controller }), {
      exitOnCtrlC: false,
      patchConsole: false,
      onRender: () => {
        if (firstFrame && traceFile)
          appendFileSync(traceFile, `${Date.now()} first-frame ${Date.now() - started}\n`);
        firstFrame = false;
        controller.frameDrawn();
      },
    });
  };
  const unmount = () => {
    instance?.unmount();
    instance = null;
    process.stdout.write(LEAVE_ALT);
  };

  const controller: DashController = new DashController(pots, {
    all,
    color,
    quit: () => quit(),
    suspend: async (fn) => {
      unmount();
      try {
        await fn();
      } finally {
        mount();
      }
    },
    ...(traceFile ? { trace: (line: string) => appendFileSync(traceFile, `${line}\n`) } : {}),
  });

  const onSignal = () => quit();
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    mount();
    await controller.start();
    await done;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    unmount();
    await controller.close();
    if (traceFile) appendFileSync(traceFile, `${Date.now()} exit\n`);
  }
}
