// The zsh completion script.
import type { CompletionSpec } from './spec.js';
import { completionMarker, flatten, fn, shellTables } from './script.js';

function zshQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function zshItem(word: string, description: string): string {
  return zshQuote(description ? `${word.replaceAll(':', '\\:')}:${description}` : word);
}

export function zshScript(spec: CompletionSpec): string {
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
