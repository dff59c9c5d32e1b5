// The fish completion script.
import type { CompletionSource, CompletionSpec } from './spec.js';
import { completionMarker, flatten, fn } from './script.js';

function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

export function fishScript(spec: CompletionSpec): string {
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
