#!/usr/bin/env node
// A stand-in for a coding agent (claude, codex, gemini, aider) that cannot run in tests: it draws
// the screens the real one draws (an input prompt, a working line, a permission menu — shapes from
// the agents' public docs and issue reports) and calls the hooks the real one calls, read from the
// same config files. Driven by what is typed into it:
//   ask   → working, then a permission menu (waiting); `1`/`y` approves → working → idle
//   work  → working, the working line redrawn every 200 ms (output keeps coming)
//   hang  → working, then silence (nothing printed, no hook)
//   done  → the turn ends (idle)
//   exit  → the session ends (exit 0)
//   other → a short turn: working, then idle
//   Escape interrupts (back to the prompt; like the real agents, no hook fires); C-c exits 130.
// STANDIN_NO_HOOKS=1: screens only (for screen rules); STANDIN_LOG=file: one line per hook call.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const kind = process.argv[2];
const args = process.argv.slice(3);
const noHooks = process.env.STANDIN_NO_HOOKS === '1';
let state = 'idle';
let timer;
let started = Date.now();

const frames = {
  claude: {
    idle: () => [
      '╭──────────────────────────────────────╮',
      '│ > Try "fix the failing tests"        │',
      '╰──────────────────────────────────────╯',
      '  ? for shortcuts',
    ],
    working: (s) => [
      `✻ Thinking… (${s}s · esc to interrupt)`,
      '',
      '╭──────────────────────────────────────╮',
      '│ >                                    │',
      '╰──────────────────────────────────────╯',
    ],
    waiting: () => [
      ' Bash command',
      '   npm test',
      '',
      ' Do you want to proceed?',
      ' ❯ 1. Yes',
      "   2. Yes, and don't ask again for npm test commands",
      '   3. No, and tell Claude what to do differently (esc)',
    ],
  },
  codex: {
    idle: () => [
      '› Ask Codex to do anything',
      '',
      '  ⏎ send   ⇧⏎ newline   ⌃T transcript   ⌃C quit',
    ],
    working: (s) => [`• Working (${s}s • esc to interrupt)`, '', '› '],
    waiting: () => [
      'Would you like to run the following command?',
      '  $ npm test',
      '› 1. Yes, proceed',
      '  2. No, and tell Codex what to do differently',
    ],
  },
  gemini: {
    idle: () => [
      '╭────────────────────────────────────────────╮',
      '│ >   Type your message or @path/to/file     │',
      '╰────────────────────────────────────────────╯',
    ],
    working: (s) => [
      `⠋ Thinking... (esc to cancel, ${s}s)`,
      '',
      '│ >   Type your message or @path/to/file     │',
    ],
    waiting: () => [
      '╭ Shell npm test ───────────────╮',
      '│ Allow execution of: npm test?  │',
      '│ ● 1. Yes, allow once           │',
      '│   2. No, suggest changes (esc) │',
      '╰────────────────────────────────╯',
    ],
  },
  aider: {
    idle: () => ['Aider v0.86.1', 'Main model: stand-in', '', '> '],
    working: () => ['> fix the tests', '', '░█ Waiting for stand-in'],
    waiting: () => ["Add file to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: "],
  },
}[kind];
if (!frames) {
  process.stderr.write(`stand-in: unknown agent ${kind}\n`);
  process.exit(2);
}

function draw(lines) {
  process.stdout.write(`\x1b[2J\x1b[H${lines.join('\r\n')}`);
}

function show(next, animate = false) {
  clearInterval(timer);
  state = next;
  if (next === 'working') {
    started = Date.now();
    const paint = () => draw(frames.working(Math.floor((Date.now() - started) / 1000)));
    paint();
    if (animate) timer = setInterval(paint, 200);
  } else draw(frames[next]());
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function log(line) {
  if (process.env.STANDIN_LOG) appendFileSync(process.env.STANDIN_LOG, `${line}\n`);
}

// Claude Code and Gemini CLI: settings.hooks[event] groups, matcher against the notification type.
function jsonHooks(file, event, matchValue, payload) {
  const groups = readJson(join(process.cwd(), file)).hooks?.[event] ?? [];
  for (const group of groups) {
    const m = group.matcher;
    if (m && m !== '*' && !new RegExp(`^(?:${m})$`).test(matchValue ?? '')) continue;
    for (const hook of group.hooks ?? []) {
      if (hook.type !== 'command') continue;
      log(`${event} ${hook.command}`);
      spawnSync('/bin/sh', ['-c', hook.command], {
        input: JSON.stringify({
          hook_event_name: event,
          cwd: process.cwd(),
          session_id: 'stand-in',
          ...payload,
        }),
        stdio: ['pipe', 'ignore', 'inherit'],
      });
    }
  }
}

// Codex: `notify` (argv) from `-c notify=[…]` or $CODEX_HOME/config.toml, the payload appended.
function codexNotify(payload) {
  let argv = null;
  const override = args.findIndex((a, i) => args[i - 1] === '-c' && a.startsWith('notify='));
  if (override !== -1) argv = JSON.parse(args[override].slice('notify='.length));
  else {
    const home = process.env.CODEX_HOME || join(process.env.HOME ?? '', '.codex');
    let text = '';
    try {
      text = readFileSync(join(home, 'config.toml'), 'utf8');
    } catch {}
    const line = text.split('\n').find((l) => /^notify\s*=/.test(l));
    if (line) argv = JSON.parse(line.replace(/^notify\s*=\s*/, ''));
  }
  if (!argv) return;
  log(`notify ${argv.join(' ')}`);
  spawnSync(argv[0], [...argv.slice(1), JSON.stringify(payload)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// aider: notifications-command from .aider.conf.yml, run when it waits for the user.
function aiderNotify() {
  let text = '';
  try {
    text = readFileSync(join(process.cwd(), '.aider.conf.yml'), 'utf8');
  } catch {}
  const line = text.split('\n').find((l) => /^notifications-command\s*:/.test(l));
  if (!line) return;
  const command = JSON.parse(line.replace(/^notifications-command\s*:\s*/, ''));
  log(`notifications-command ${command}`);
  spawnSync('/bin/sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The agent's event for a moment of its turn. */
function hook(moment, message) {
  if (noHooks) return;
  if (kind === 'claude') {
    const events = {
      start: ['SessionStart'],
      prompt: ['UserPromptSubmit'],
      permission: ['Notification', 'permission_prompt'],
      approved: ['PostToolUse', 'Bash'],
      stop: ['Stop'],
      end: ['SessionEnd'],
    }[moment];
    jsonHooks('.claude/settings.local.json', events[0], events[1], {
      ...(message ? { message } : {}),
      ...(events[0] === 'Notification' ? { notification_type: events[1] } : {}),
    });
  } else if (kind === 'gemini') {
    const event = {
      start: 'SessionStart',
      prompt: 'BeforeAgent',
      permission: 'Notification',
      approved: 'AfterTool',
      stop: 'AfterAgent',
      end: 'SessionEnd',
    }[moment];
    jsonHooks(
      '.gemini/settings.json',
      event,
      event === 'Notification' ? 'ToolPermission' : undefined,
      message ? { message } : {},
    );
  } else if (kind === 'codex') {
    if (moment === 'stop')
      codexNotify({
        type: 'agent-turn-complete',
        'turn-id': '1',
        'last-assistant-message': message ?? 'Done.',
      });
  } else if (kind === 'aider') {
    if (moment === 'stop' || moment === 'permission') aiderNotify();
  }
}

function turnEnds(message) {
  show('idle');
  hook('stop', message);
}

function onLine(line) {
  const text = line.trim();
  if (state === 'waiting') {
    if (text === '1' || text.toLowerCase() === 'y' || text === '') {
      show('working');
      hook('approved');
      setTimeout(() => turnEnds('Tests pass.'), 300);
    } else turnEnds('Denied.');
    return;
  }
  if (text === 'exit' || text === '/exit') {
    hook('end');
    process.exit(0);
  }
  if (text === 'done') return turnEnds('Done.');
  if (text === '') return;
  show('working', text === 'work');
  hook('prompt');
  if (text === 'ask') {
    setTimeout(() => {
      show('waiting');
      hook('permission', 'Claude needs your permission to use Bash');
    }, 200);
  } else if (text !== 'work' && text !== 'hang') {
    setTimeout(() => turnEnds('Done.'), 300);
  }
}

let buffer = '';
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  for (const ch of chunk) {
    if (ch === '\x03') process.exit(130);
    if (ch === '\x1b') {
      // Escape interrupts the turn: back to the prompt. Real agents fire no hook for it.
      if (state === 'working' || state === 'waiting') show('idle');
      buffer = '';
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      const line = buffer;
      buffer = '';
      onLine(line);
    } else if (ch === '\x7f') buffer = buffer.slice(0, -1);
    else buffer += ch;
  }
});
process.stdin.on('end', () => process.exit(0));

show('idle');
hook('start');
const prompt = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-c').join(' ');
if (prompt) onLine(prompt);
