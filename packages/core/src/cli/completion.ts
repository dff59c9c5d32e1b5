// Shell completion for plum and pots, generated from the commander program itself so that it never
// drifts from the real commands: names, aliases, options, which options take a value, and where
// argument values come from. The static part is baked into the script; dynamic values (worktree
// names, sessions…) come from the bin's hidden `__complete <kind>` command, one value per line,
// optionally followed by a tab and a description.
import type { Argument, Command, Option } from 'commander';

/** Where the values of an argument or an option's value come from. */
export type CompletionSource =
  /** File names (the shell's own completion). */
  | 'files'
  /** Directory names (the shell's own completion). */
  | 'dirs'
  /** A fixed list. */
  | { choices: readonly string[] }
  /** Lines printed by `<bin> __complete <dynamic>`. */
  | { dynamic: string };

export type Shell = 'bash' | 'zsh' | 'fish';

/** The shells `completionScript` writes for. */
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

export interface CompletionSources {
  /** By position; a variadic last argument's source applies to every further word. */
  args?: readonly (CompletionSource | undefined)[];
  /** By any of the option's flags (`-C`, `--base`). */
  options?: Readonly<Record<string, CompletionSource>>;
}

interface Annotation {
  args: Map<number, CompletionSource>;
  options: Map<string, CompletionSource>;
}

const annotations = new WeakMap<Command, Annotation>();

/**
 * Says what a command's arguments and option values complete to; later calls add to earlier ones.
 * Arguments and options with `.choices()` complete to those without being named here.
 * @example setCompletion(program.command('path').argument('<name>'), { args: [{ dynamic: 'worktrees' }] })
 */
export function setCompletion(command: Command, sources: CompletionSources): Command {
  const annotation = annotations.get(command) ?? { args: new Map(), options: new Map() };
  sources.args?.forEach((source, index) => {
    if (source !== undefined) annotation.args.set(index, source);
  });
  for (const [flag, source] of Object.entries(sources.options ?? {})) {
    annotation.options.set(flag, source);
  }
  annotations.set(command, annotation);
  return command;
}

export interface CompletionOption {
  /** `['-f', '--force']`, `['--no-color']`. */
  flags: string[];
  description: string;
  takesValue: boolean;
  values: CompletionSource | null;
}

export interface CompletionArgument {
  name: string;
  variadic: boolean;
  values: CompletionSource | null;
}

export interface CompletionCommand {
  name: string;
  aliases: string[];
  description: string;
  options: CompletionOption[];
  args: CompletionArgument[];
  commands: CompletionCommand[];
}

/** What a completion script knows: the program as a tree (the root is the bin itself). */
export interface CompletionSpec extends CompletionCommand {
  /** Options whose values are passed on to `__complete` (e.g. `-C <dir>`: complete in that repo). */
  forward: string[];
}

const WORD = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;
const FLAG = /^--?[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Walks a commander program: visible commands (with the implicit `help`), their aliases, visible
 * options and arguments, and the sources given with `setCompletion` or `.choices()`.
 * @example const spec = completionSpec(createProgram(), { forward: ['-C'] });
 */
export function completionSpec(
  program: Command,
  options: { forward?: readonly string[] } = {},
): CompletionSpec {
  return { ...describeCommand(program), forward: [...(options.forward ?? [])] };
}

function describeCommand(command: Command): CompletionCommand {
  const help = command.createHelp();
  const annotation = annotations.get(command);
  const visible = help.visibleCommands(command);
  const names = visible.map((child) => child.name());
  const commands = visible.map((child) => {
    const described = describeCommand(child);
    // commander's implicit `help [command]` completes to its siblings.
    if (!command.commands.includes(child) && described.args.length === 1) {
      described.args[0]!.values = { choices: names.filter((name) => name !== child.name()) };
    }
    return described;
  });
  return {
    name: checkWord(command.name()),
    aliases: command.aliases().map(checkWord),
    description: firstLine(command.summary() || command.description()),
    options: help.visibleOptions(command).map((option) => describeOption(option, annotation)),
    args: command.registeredArguments.map((argument, index) =>
      describeArgument(argument, index, annotation),
    ),
    commands,
  };
}

function describeOption(option: Option, annotation: Annotation | undefined): CompletionOption {
  const flags = [option.short, option.long].filter((flag): flag is string => !!flag);
  for (const flag of flags) checkFlag(flag);
  const takesValue = option.required || option.optional;
  let values: CompletionSource | null = null;
  if (takesValue) {
    values =
      flags.map((flag) => annotation?.options.get(flag)).find((source) => source) ??
      (option.argChoices ? { choices: option.argChoices } : null);
  }
  return { flags, description: firstLine(option.description), takesValue, values };
}

function describeArgument(
  argument: Argument,
  index: number,
  annotation: Annotation | undefined,
): CompletionArgument {
  const values =
    annotation?.args.get(index) ?? (argument.argChoices ? { choices: argument.argChoices } : null);
  if (values && typeof values === 'object') {
    if ('choices' in values) values.choices.forEach(checkWord);
    else checkWord(values.dynamic);
  }
  return { name: argument.name(), variadic: argument.variadic, values };
}

function checkWord(word: string): string {
  if (!WORD.test(word)) throw new Error(`completion: unsupported name ${JSON.stringify(word)}`);
  return word;
}

function checkFlag(flag: string): string {
  if (!FLAG.test(flag)) throw new Error(`completion: unsupported flag ${JSON.stringify(flag)}`);
  return flag;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

/** One node per command, numbered depth-first (0 is the bin), for the scripts' lookup tables. */
interface Node {
  id: number;
  command: CompletionCommand;
  children: Array<{ words: string[]; id: number }>;
}

function flatten(spec: CompletionSpec): Node[] {
  const nodes: Node[] = [];
  const visit = (command: CompletionCommand): number => {
    const node: Node = { id: nodes.length, command, children: [] };
    nodes.push(node);
    for (const child of command.commands) {
      node.children.push({ words: [child.name, ...child.aliases], id: visit(child) });
    }
    return node.id;
  };
  visit(spec);
  return nodes;
}

/** `files`, `dirs`, `choices a b`, `dynamic kind` or '' — the scripts' encoding of a source. */
function encode(source: CompletionSource | null): string {
  if (source === null) return '';
  if (source === 'files' || source === 'dirs') return source;
  if ('choices' in source) return `choices ${source.choices.join(' ')}`;
  return `dynamic ${source.dynamic}`;
}

/** `(source, patterns)` pairs for every option value and argument of every node. */
function sourceCases(nodes: readonly Node[]): Array<{ patterns: string[]; source: string }> {
  const bySource = new Map<string, string[]>();
  const add = (source: string, pattern: string) => {
    if (source === '') return;
    bySource.set(source, [...(bySource.get(source) ?? []), pattern]);
  };
  // Arguments first, a variadic's catch-all last within its node: `case` takes the first match.
  const argCases: Array<{ patterns: string[]; source: string }> = [];
  for (const { id, command } of nodes) {
    for (const option of command.options) {
      for (const flag of option.flags) add(encode(option.values), `${id}:${flag}`);
    }
    command.args.forEach((arg, index) => {
      const source = encode(arg.values);
      if (source === '') return;
      if (arg.variadic) argCases.push({ patterns: [`${id}:#*`], source });
      else argCases.unshift({ patterns: [`${id}:#${index}`], source });
    });
  }
  return [...[...bySource].map(([source, patterns]) => ({ patterns, source })), ...argCases];
}

/** A `case` pattern: quoted, but for a trailing `*` (bash and zsh). */
function casePattern(pattern: string): string {
  return pattern.endsWith('*') ? `'${pattern.slice(0, -1)}'*` : `'${pattern}'`;
}

/**
 * The completion script for `shell`: source it (`eval "$(plum completion bash)"`), or save it where
 * the shell autoloads completions. It exports `<BIN>_COMPLETION=<shell>` so that `doctor` can tell.
 * @example process.stdout.write(completionScript('bash', completionSpec(program, { forward: ['-C'] })))
 */
export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

/** The variable the completion scripts export, e.g. `PLUM_COMPLETION`. */
export function completionMarker(bin: string): string {
  return `${bin.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_COMPLETION`;
}

function fn(bin: string): string {
  return `_${bin.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

// ---------------------------------------------------------------- bash

/**
 * The lookup functions the bash and zsh scripts share: `<f>_child` (a node's subcommand by word),
 * `<f>_node` (a node's commands and options, as `nodeCases` sets them for the shell) and
 * `<f>_source` (where an argument's or option's values come from).
 */
function shellTables(f: string, nodes: readonly Node[], nodeCases: readonly string[]): string {
  const childCases = nodes.flatMap((node) =>
    node.children.map(
      (child) =>
        `    ${child.words.map((word) => `${node.id}:${word}`).join('|')}) ${f}_next=${child.id} ;;`,
    ),
  );
  const srcCases = sourceCases(nodes).map(
    ({ patterns, source }) => `    ${patterns.map(casePattern).join('|')}) ${f}_src='${source}' ;;`,
  );
  return `${f}_child() {
  case "$1:$2" in
${childCases.join('\n')}
    *) ${f}_next= ;;
  esac
}

${f}_node() {
  case $1 in
${nodeCases.join('\n')}
  esac
}

${f}_source() {
  case "$1:$2" in
${srcCases.join('\n')}
    *) ${f}_src= ;;
  esac
}
`;
}

function bashScript(spec: CompletionSpec): string {
  const bin = spec.name;
  const f = fn(bin);
  const nodes = flatten(spec);
  const nodeCases = nodes.map((node) => {
    const { command } = node;
    const commands = command.commands.map((c) => c.name).join(' ');
    const opts = command.options.flatMap((o) => o.flags).join(' ');
    const vopts = command.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
    return `    ${node.id}) ${f}_cmds='${commands}' ${f}_opts='${opts}' ${f}_vopts=' ${vopts.join(' ')} ' ;;`;
  });
  const marker = completionMarker(bin);
  return `# ${bin} completion for bash. Load it from ~/.bashrc:
#   eval "$(${bin} completion bash)"
# or save it as ~/.local/share/bash-completion/completions/${bin}
export ${marker}=bash

${shellTables(f, nodes, nodeCases)}
${f}_values() {
  local line tab=$'\\t'
  case $${f}_src in
    files|dirs)
      while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -"\${${f}_src:0:1}" -- "$cur")
      compopt -o filenames 2>/dev/null
      ;;
    'choices '*)
      while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -W "\${${f}_src#choices }" -- "$cur")
      ;;
    'dynamic '*)
      while IFS= read -r line; do
        line=\${line%%"$tab"*}
        [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=("$line")
      done < <(command ${bin} \${fwd[@]+"\${fwd[@]}"} __complete "\${${f}_src#dynamic }" 2>/dev/null)
      ;;
  esac
}

# Bash splits words at the characters of COMP_WORDBREAKS, ':' among them by default: glue
# 'session:window.pane' back together into words/cword (as bash-completion's _get_comp_words_by_ref
# -n : does); ${f}_completion then drops from each reply what bash keeps before the ':'.
${f}_words() {
  local line word trimmed i n=-1
  words=() cword=0
  if [[ -z \${COMP_LINE-} || \${COMP_WORDBREAKS-} != *:* ]]; then
    words=("\${COMP_WORDS[@]}") cword=$COMP_CWORD
    return
  fi
  line=\${COMP_LINE:0:\${COMP_POINT:-\${#COMP_LINE}}}
  for (( i = 0; i <= COMP_CWORD && i < \${#COMP_WORDS[@]}; i++ )); do
    word=\${COMP_WORDS[i]}
    trimmed=\${line#"\${line%%[![:space:]]*}"}
    if (( n >= 0 )) && [[ \${#trimmed} == "\${#line}" ]] && [[ $word == : || \${words[n]} == *: ]]; then
      words[n]+=$word
    else
      words[++n]=$word
    fi
    line=\${trimmed#"$word"}
    (( i == COMP_CWORD )) && cword=$n
  done
}

${f}_completion() {
  local -a words fwd=()
  local cword
  ${f}_words
  local cur=\${words[cword]} word value node=0 nargs=0 i=1 ddash= valopt=
  local ${f}_next ${f}_cmds ${f}_opts ${f}_vopts ${f}_src
  COMPREPLY=()
  ${f}_node 0
  while (( i < cword )); do
    word=\${words[i]}
    if [[ -z $ddash && $word == -- ]]; then
      ddash=1
    elif [[ -z $ddash && $word == -?* ]]; then
      if [[ $${f}_vopts == *" $word "* ]]; then
        [[ \${words[i+1]} == = ]] && (( ++i ))
        if (( i + 1 == cword )); then valopt=$word; break; fi
        (( ++i ))
        value=\${words[i]}
        [[ $value == "~/"* ]] && value=$HOME/\${value#"~/"}
        case " ${spec.forward.join(' ')} " in *" $word "*) fwd+=("$word" "$value") ;; esac
      fi
    elif (( nargs == 0 )) && ${f}_child "$node" "$word" && [[ -n $${f}_next ]]; then
      node=$${f}_next
      ${f}_node "$node"
    else
      (( ++nargs ))
    fi
    (( ++i ))
  done
  # --opt=value: bash splits at '='; its values are not completed.
  [[ $cur == = || \${words[cword-1]} == = ]] && return 0
  if [[ -n $valopt ]]; then
    ${f}_source "$node" "$valopt"
  elif [[ -z $ddash && $cur == -* ]]; then
    while IFS= read -r word; do COMPREPLY+=("$word"); done < <(compgen -W "$${f}_opts" -- "$cur")
    return 0
  elif (( nargs == 0 )) && [[ -n $${f}_cmds ]]; then
    while IFS= read -r word; do COMPREPLY+=("$word"); done < <(compgen -W "$${f}_cmds" -- "$cur")
    return 0
  else
    ${f}_source "$node" "#$nargs"
  fi
  ${f}_values
  if [[ $cur == *:* && \${COMP_WORDBREAKS-} == *:* ]]; then
    value=\${cur%"\${cur##*:}"}
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=\${COMPREPLY[i]#"$value"}; done
  fi
  return 0
}

complete -F ${f}_completion ${bin}
`;
}

// ---------------------------------------------------------------- zsh

function zshQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function zshItem(word: string, description: string): string {
  return zshQuote(description ? `${word.replaceAll(':', '\\:')}:${description}` : word);
}

function zshScript(spec: CompletionSpec): string {
  const bin = spec.name;
  const f = fn(bin);
  const nodes = flatten(spec);
  const nodeCases = nodes.map((node) => {
    const { command } = node;
    const commands = command.commands.map((c) => zshItem(c.name, c.description));
    const opts = command.options.flatMap((o) =>
      o.flags.map((flag) => zshItem(flag, o.description)),
    );
    const vopts = command.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
    return [
      `    ${node.id})`,
      `      ${f}_cmds=(${commands.join(' ')})`,
      `      ${f}_opts=(${opts.join(' ')})`,
      `      ${f}_vopts=' ${vopts.join(' ')} ' ;;`,
    ].join('\n');
  });
  const marker = completionMarker(bin);
  return `#compdef ${bin}
# ${bin} completion for zsh. Load it from ~/.zshrc (after compinit):
#   eval "$(${bin} completion zsh)"
# or save it as _${bin} in a directory of your $fpath.
export ${marker}=zsh

${shellTables(f, nodes, nodeCases)}
${f}() {
  local cur=\${words[CURRENT]} word value ddash= valopt= line tab=$'\\t'
  local ${f}_next ${f}_vopts ${f}_src
  local -a ${f}_cmds ${f}_opts fwd items
  integer node=0 nargs=0 i=2
  ${f}_node 0
  while (( i < CURRENT )); do
    word=\${words[i]}
    if [[ -z $ddash && $word == -- ]]; then
      ddash=1
    elif [[ -z $ddash && $word == -?* ]]; then
      if [[ $${f}_vopts == *" $word "* ]]; then
        if (( i + 1 == CURRENT )); then valopt=$word; break; fi
        (( ++i ))
        value=\${words[i]}
        [[ $value == '~/'* ]] && value=$HOME/\${value#'~/'}
        case " ${spec.forward.join(' ')} " in *" $word "*) fwd+=("$word" "$value") ;; esac
      fi
    elif (( nargs == 0 )) && ${f}_child $node "$word" && [[ -n $${f}_next ]]; then
      node=$${f}_next
      ${f}_node $node
    else
      (( ++nargs ))
    fi
    (( ++i ))
  done
  if [[ -n $valopt ]]; then
    ${f}_source $node "$valopt"
  elif [[ -z $ddash && $cur == -* ]]; then
    _describe -t options option ${f}_opts
    return
  elif (( nargs == 0 && \${#${f}_cmds} > 0 )); then
    _describe -t commands command ${f}_cmds
    return
  else
    ${f}_source $node "#$nargs"
  fi
  case $${f}_src in
    files) _files ;;
    dirs) _files -/ ;;
    'choices '*) compadd -- \${=\${${f}_src#choices }} ;;
    'dynamic '*)
      for line in "\${(@f)$(command ${bin} "\${fwd[@]}" __complete "\${${f}_src#dynamic }" 2>/dev/null)}"; do
        [[ -z $line ]] && continue
        if [[ $line == *"$tab"* ]]; then
          items+=("\${\${line%%"$tab"*}//:/\\\\:}:\${line#*"$tab"}")
        else
          items+=("\${line//:/\\\\:}")
        fi
      done
      (( \${#items} )) && _describe -t values value items
      ;;
  esac
}

if [[ $funcstack[1] == ${f} ]]; then
  ${f} "$@"
else
  compdef ${f} ${bin}
fi
`;
}

// ---------------------------------------------------------------- fish

function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function fishScript(spec: CompletionSpec): string {
  const bin = spec.name;
  const f = `_${fn(bin)}`; // fish convention: __name
  const nodes = flatten(spec);
  const childCases = nodes.flatMap((node) =>
    node.children.map(
      (child) =>
        `        case ${child.words.map((word) => `${node.id}:${word}`).join(' ')}\n            echo ${child.id}`,
    ),
  );
  const voptCases = nodes
    .map((node) => {
      const vopts = node.command.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
      return vopts.length === 0
        ? ''
        : `        case ${node.id}\n            string split ' ' -- '${vopts.join(' ')}'`;
    })
    .filter((line) => line !== '');
  const lines: string[] = [`complete -c ${bin} -f`];
  const valuesOf = (source: CompletionSource | null): string => {
    if (source === null) return '';
    if (source === 'files') return ' -F';
    if (source === 'dirs') return " -a '(__fish_complete_directories)'";
    if ('choices' in source) return ` -a ${fishQuote(source.choices.join(' '))}`;
    return ` -a ${fishQuote(`(${f}_values ${source.dynamic})`)}`;
  };
  for (const { id, command } of nodes) {
    for (const child of command.commands) {
      lines.push(
        `complete -c ${bin} -n '${f}_at ${id} 0' -a ${child.name} -d ${fishQuote(child.description)}`,
      );
    }
    for (const option of command.options) {
      const names = option.flags
        .map((flag) => (flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`))
        .join(' ');
      const value = option.takesValue ? ` -r${valuesOf(option.values)}` : '';
      lines.push(
        `complete -c ${bin} -n '${f}_at ${id}' ${names}${value} -d ${fishQuote(option.description)}`,
      );
    }
    command.args.forEach((arg, index) => {
      if (arg.values === null) return;
      const at = arg.variadic ? `${index}+` : `${index}`;
      lines.push(`complete -c ${bin} -n '${f}_at ${id} ${at}'${valuesOf(arg.values)}`);
    });
  }
  const marker = completionMarker(bin);
  return `# ${bin} completion for fish. Load it from ~/.config/fish/config.fish:
#   ${bin} completion fish | source
# or save it as ~/.config/fish/completions/${bin}.fish
set -gx ${marker} fish

function ${f}_child --argument-names node word
    switch "$node:$word"
${childCases.join('\n')}
        case '*'
            return 1
    end
end

function ${f}_vopts --argument-names node
    switch $node
${voptCases.join('\n')}
    end
end

# The command the cursor is in, how many of its arguments come before it, and whether the previous
# word is an option waiting for its value.
function ${f}_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l node 0
    set -l nargs 0
    set -l ddash 0
    set -l skip 0
    set -l next
    for word in $words
        if test $skip = 1
            set skip 0
        else if test $ddash = 0; and test "$word" = --
            set ddash 1
        else if test $ddash = 0; and string match -q -- '-?*' $word
            contains -- $word (${f}_vopts $node); and set skip 1
        else if test $nargs = 0; and set next (${f}_child $node $word)
            set node $next
        else
            set nargs (math $nargs + 1)
        end
    end
    echo $node $nargs $skip
end

# ${f}_at NODE [N | N+]: the cursor is in command NODE (at its argument N, or N and after).
function ${f}_at --argument-names node at
    set -l state (string split ' ' (${f}_state))
    test $state[1] = $node; or return 1
    test -z "$at"; and return 0
    test $state[3] = 0; or return 1
    if string match -q -- '*+' $at
        test $state[2] -ge (string replace + '' $at)
    else
        test $state[2] = $at
    end
end

function ${f}_values --argument-names kind
    set -l words (commandline -opc)
    set -l fwd
    for i in (seq 2 (math (count $words) - 1))
        if contains -- $words[$i] ${spec.forward.join(' ') || '__none__'}
            set -a fwd $words[$i] (string replace -r '^~/' "$HOME/" -- $words[(math $i + 1)])
        end
    end
    command ${bin} $fwd __complete $kind 2>/dev/null
end

${lines.join('\n')}
`;
}
