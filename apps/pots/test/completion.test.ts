// `pots completion`: the generated scripts, sourced into real shells with the built bin on PATH,
// complete commands, options, session names, pane targets (`%12`, `session:window.pane` — bash
// splits words at ':', the script glues them back), templates and worktrees. Dynamic values come
// from the hidden `pots __complete <kind>`: one tmux call (on the -L/-S server given on the line)
// or one git call, silent on any failure.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  binDir,
  gitRepo,
  runShell,
  spawnShim,
  terminal,
  tmuxServer,
  which,
  type TmuxServer,
} from '@plumpots/test-fixtures';
import type { Command } from 'commander';
import { completionSpec } from '@plumpots/core/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETION_KINDS } from '../src/api/complete.js';
import { createProgram } from '../src/cli.js';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

/** What pots and the shells need on PATH. */
const TOOLS = ['tmux', 'git', 'sh', 'cat', 'sleep'];

let f: PotsFixture;
let feat: string;
let webPane: string;
let path: string;

beforeAll(async () => {
  f = potsFixture();
  feat = f.repo.worktree('feat/login', { newBranch: true });
  await f.ok(['create']);
  await f.ok(['create', 'feat/login']);
  webPane = await f.ok(['spawn', '--name', 'web', '--', 'sleep', '300']);
  // Templates from every source: a user file, a repository file, the repository's config.
  const user = join(f.env.XDG_CONFIG_HOME!, 'pots', 'templates');
  mkdirSync(user, { recursive: true });
  writeFileSync(join(user, 'mine.yaml'), 'windows: [{ name: m }]\n');
  mkdirSync(join(f.repo.path, '.pots', 'templates'), { recursive: true });
  writeFileSync(join(f.repo.path, '.pots', 'templates', 'review.yml'), 'windows: [{ name: r }]\n');
  writeFileSync(join(f.repo.path, '.pots', 'templates', 'not a name.yaml'), 'windows: []\n');
  writeFileSync(
    join(f.repo.path, '.plumrc.yaml'),
    'pots:\n  templates:\n    ci:\n      windows: [{ name: c, panes: [echo ci] }]\n',
  );
  path = binDir(TOOLS, f.repo.root); // removed with the repository by f.done()
});
afterAll(() => f.done());

async function scriptFile(shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const r = await f.pots(['completion', shell]);
  expect(r.exitCode).toBe(0);
  const file = join(f.repo.root, `pots.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

/**
 * COMPREPLY for each command line (the cursor at its end), completed by a real bash. The words
 * are split as bash splits them: at blanks, and around each ':' (COMP_WORDBREAKS).
 */
async function bashComplete(lines: readonly string[]): Promise<string[][]> {
  const file = await scriptFile('bash');
  const script = `
source "$1"; shift
for line in "$@"; do
  COMP_WORDS=()
  read -ra parts <<<"$line"
  for w in "\${parts[@]}"; do
    while [[ $w == *:* ]]; do
      [[ -n \${w%%:*} ]] && COMP_WORDS+=("\${w%%:*}")
      COMP_WORDS+=(:)
      w=\${w#*:}
    done
    [[ -n $w ]] && COMP_WORDS+=("$w")
  done
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMP_POINT=\${#line}
  COMPREPLY=()
  _pots_completion
  printf '%s\\n' "$(IFS=$'\\x1f'; printf '%s' "\${COMPREPLY[*]}")"
done`;
  const r = await runShell('bash', script, {
    cwd: f.repo.path,
    env: { ...f.env, PATH: path },
    args: [file, ...lines],
  });
  expect(r.stderr).toBe('');
  return r.stdout
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? [] : line.split('\x1f')));
}

const visibleCommands = async () => {
  const program = await createProgram();
  return program
    .createHelp()
    .visibleCommands(program)
    .map((c) => c.name());
};

describe('bash completion', () => {
  it('completes commands, sessions, targets, templates and worktrees', async () => {
    const other = tmuxServer();
    try {
      other.tmux(['new-session', '-d', '-s', 'elsewhere']);
      const [
        commands,
        prefix,
        attach,
        killMore,
        send,
        sendWindow,
        sendPane,
        logsId,
        openWt,
        template,
        applyTemplate,
        bySocket,
        shells,
        typo,
      ] = await bashComplete([
        'pots ',
        'pots att',
        'pots attach ',
        'pots kill repo-repo-dev ',
        'pots send repo-r',
        'pots send repo-repo-dev:',
        'pots capture repo-repo-dev:web.',
        'pots logs %',
        'pots open ',
        'pots create --template ',
        'pots apply repo-repo-dev -t ',
        `pots -S ${other.socketPath} attach `,
        'pots completion ',
        'pots lsit ',
      ]);
      expect(commands).toEqual(await visibleCommands());
      expect(commands).toContain('completion');
      expect(commands).not.toContain('__complete');
      expect(prefix).toEqual(['attach']);
      expect(attach).toEqual(['repo-feat-login-dev', 'repo-repo-dev']);
      expect(killMore).toEqual(['repo-feat-login-dev', 'repo-repo-dev']); // variadic
      expect(send).toEqual([
        'repo-repo-dev',
        'repo-repo-dev:sh',
        'repo-repo-dev:web',
        'repo-repo-dev:sh.0',
        'repo-repo-dev:web.0',
      ]);
      // bash replaces only what follows the ':': the replies leave out what comes before it.
      expect(sendWindow).toEqual(['sh', 'web', 'sh.0', 'web.0']);
      expect(sendPane).toEqual(['web.0']);
      expect(logsId).toContain(webPane);
      expect(logsId!.every((id) => /^%\d+$/.test(id))).toBe(true);
      expect(openWt).toEqual(['repo', 'feat-login', 'main', 'feat/login']);
      expect(template).toEqual([
        'agent',
        'ci',
        'claude',
        'default',
        'development',
        'mine',
        'review',
      ]);
      expect(applyTemplate).toEqual(template);
      expect(bySocket).toEqual(['elsewhere']);
      expect(shells).toEqual(['bash', 'zsh', 'fish']);
      expect(typo).toEqual([]);
    } finally {
      other.kill();
    }
  });

  it('in an interactive bash, TAB completes session:window across the ":"', async () => {
    const host = tmuxServer();
    try {
      const file = await scriptFile('bash');
      const t = terminal(host, { cwd: f.repo.path, env: { ...f.env, PATH: path } });
      await t.run(`source ${file}; echo "LOADED""-$POTS_COMPLETION"`, 'LOADED-bash');
      t.type('pots capture repo-repo-dev:web.');
      t.press('Tab');
      // capture-pane drops trailing blanks: type a mark after the completion to see its space.
      await t.waitFor('pots capture repo-repo-dev:web.0');
      t.type('#');
      await t.waitFor('pots capture repo-repo-dev:web.0 #');
      t.press('C-u');
      t.type('pots send repo-repo-dev:w');
      t.press('Tab');
      await t.waitFor(/pots send repo-repo-dev:web$/m); // web and web.0: their common part
    } finally {
      host.kill();
    }
  });

  it('exports POTS_COMPLETION for pots doctor', async () => {
    const file = await scriptFile('bash');
    const r = await runShell('bash', 'source "$1"; printf %s "$POTS_COMPLETION"', {
      cwd: f.repo.path,
      env: { ...f.env, PATH: path },
      args: [file],
    });
    expect(r.stdout).toBe('bash');
  });
});

describe('pots __complete', () => {
  it('prints value<TAB>description lines', async () => {
    const sessions = await f.pots(['__complete', 'sessions']);
    expect(sessions).toEqual({
      exitCode: 0,
      stdout: 'repo-feat-login-dev\tfeat-login dev, 1 window\nrepo-repo-dev\trepo dev, 2 windows\n',
      stderr: '',
    });
    const templates = await f.pots(['__complete', 'templates']);
    expect(templates.stdout).toContain('review\tthe repository’s\n');
    expect(templates.stdout).toContain('mine\tyours\n');
    expect(templates.stdout).toContain('ci\tconfig\n');
    expect(templates.stdout).toContain('development\tbuilt-in\n');
    const targets = await f.pots(['__complete', 'targets']);
    expect(targets.stdout).toContain(`repo-repo-dev:web.0\t${webPane} sleep 300\n`);
    expect(targets.stdout).toContain(`${webPane}\trepo-repo-dev:web.0 sleep 300\n`);
    const worktrees = await f.pots(['__complete', 'worktrees'], { cwd: feat });
    expect(worktrees.stdout).toBe(
      'repo\tmain\nfeat-login\tfeat/login\nmain\tworktree repo\nfeat/login\tworktree feat-login\n',
    );
  });

  it('window units of window mode complete by their window name', async () => {
    const g = potsFixture({ env: { POTS_MODE: 'window' } });
    try {
      await g.ok(['create', '--mode', 'window']);
      const r = await g.pots(['__complete', 'sessions']);
      expect(r.stdout).toMatch(/^plum\t1 window\nrepo-repo-dev\twindow of plum: repo dev\n$/);
    } finally {
      g.done();
    }
  });

  it('is silent with no server, outside a repository, without tmux', async () => {
    const empty = { exitCode: 0, stdout: '', stderr: '' };
    const idle = { POTS_TMUX_SOCKET_NAME: `${f.server.socketName}-idle` };
    expect(await f.pots(['__complete', 'sessions'], { env: idle })).toEqual(empty);
    expect(await f.pots(['__complete', 'targets'], { env: idle })).toEqual(empty);
    const outside = gitRepo();
    try {
      const notRepo = join(outside.root, 'home');
      expect(await f.pots(['__complete', 'worktrees'], { cwd: notRepo })).toEqual(empty);
      // A broken config leaves the config's templates out, not the others.
      writeFileSync(join(outside.path, '.plumrc.yaml'), 'pots: [not, an, object]\n');
      const broken = await f.pots(['__complete', 'templates'], { cwd: outside.path });
      expect(broken.stdout).toBe(
        'agent\tbuilt-in\nclaude\tbuilt-in\ndefault\tbuilt-in\ndevelopment\tbuilt-in\nmine\tyours\n',
      );
    } finally {
      outside.cleanup();
    }
    const noTmux = binDir(['git']);
    expect(await f.pots(['__complete', 'sessions'], { env: { PATH: noTmux } })).toEqual(empty);
  });

  it("runs none of a repository's code: a JS config is not loaded", async () => {
    const repo = gitRepo();
    try {
      const mark = join(repo.root, 'ran');
      writeFileSync(
        join(repo.path, '.plumrc.cjs'),
        `require('fs').writeFileSync(${JSON.stringify(mark)}, 'x'); module.exports = {};\n`,
      );
      const r = await f.pots(['__complete', 'templates'], { cwd: repo.path });
      expect(r.stdout).toContain('development\tbuilt-in\n');
      expect(existsSync(mark)).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  it('is hidden from help', async () => {
    const r = await f.pots(['--help']);
    expect(r.stdout).not.toContain('__complete');
  });

  it.each([
    ['sessions', 1, 0],
    ['targets', 1, 0],
    ['worktrees', 0, 1],
    ['templates', 0, 0],
  ] as const)('%s costs %i tmux and %i git processes', async (kind, tmux, git) => {
    expect(COMPLETION_KINDS).toContain(kind);
    const shim = spawnShim();
    const r = await f.pots(['__complete', kind], { env: { PATH: shim.path } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toBe('');
    expect(shim.count('tmux')).toBe(tmux);
    expect(shim.count('git')).toBe(git);
  });
});

describe('annotations', () => {
  it('every command taking a session, target, worktree or template completes it', async () => {
    const program = await createProgram();
    const source = (name: string, arg: number) => {
      const command = program.commands.find((c) => c.name() === name)!;
      return completionSources(command, arg);
    };
    for (const name of ['attach', 'info', 'kill', 'apply']) {
      expect(source(name, 0), name).toEqual({ dynamic: 'sessions' });
    }
    for (const name of ['send', 'capture', 'logs', 'wait']) {
      expect(source(name, 0), name).toEqual({ dynamic: 'targets' });
    }
    for (const name of ['open', 'create', 'spawn']) {
      expect(source(name, 0), name).toEqual({ dynamic: 'worktrees' });
    }
  });
});

describe.skipIf(which('fish') === null)('fish completion', () => {
  it('completes commands with descriptions, sessions, targets and templates', async () => {
    const file = await scriptFile('fish');
    const r = await runShell(
      'fish',
      `source ${file}; for line in 'pots ' 'pots attach ' 'pots send repo-repo-dev:' 'pots open --template '
  complete -C "$line"; echo ---
end`,
      { cwd: f.repo.path, env: { ...f.env, PATH: path } },
    );
    expect(r.stderr).toBe('');
    const [commands, attach, send, templates] = r.stdout.split('---\n');
    expect(commands).toContain('attach\tattach to a session');
    expect(attach).toContain('repo-repo-dev\trepo dev, 2 windows\n');
    expect(attach).toContain('repo-feat-login-dev\tfeat-login dev, 1 window\n');
    expect(send).toContain(`repo-repo-dev:web.0\t${webPane} sleep 300\n`);
    expect(send).not.toContain('repo-feat-login-dev');
    expect(templates).toContain('review\tthe repository’s\n');
  });
});

describe.skipIf(which('zsh') === null)('zsh completion', () => {
  let host: TmuxServer;
  beforeAll(() => {
    host = tmuxServer();
  });
  afterAll(() => host.kill());

  it('completes in an interactive zsh (compinit, then eval)', async () => {
    const file = await scriptFile('zsh');
    const zdotdir = join(f.repo.root, 'zdot');
    mkdirSync(zdotdir, { recursive: true });
    writeFileSync(
      join(zdotdir, '.zshrc'),
      `PS1='%% '\nautoload -Uz compinit && compinit -u -d ${zdotdir}/.zcompdump\nsource ${file}\n`,
    );
    const t = terminal(host, {
      cwd: f.repo.path,
      env: { ...f.env, PATH: path, ZDOTDIR: zdotdir },
      argv: [which('zsh')!],
    });
    await t.waitFor('%');
    t.type('pots attach repo-f');
    t.press('Tab');
    // capture-pane drops trailing blanks: type a mark after the completion to see its space.
    await t.waitFor('pots attach repo-feat-login-dev');
    t.type('#');
    await t.waitFor('pots attach repo-feat-login-dev #');
    t.press('C-u');
    t.type('pots send repo-repo-dev:w');
    t.press('Tab');
    await t.waitFor('pots send repo-repo-dev:web');
  });
});

/** The completion source of a command's argument, as the scripts see it. */
function completionSources(command: Command, arg: number): unknown {
  return completionSpec(command).args[arg]?.values ?? null;
}
