// The bash completion script.
import type { CompletionSpec } from './spec.js';
import { completionMarker, flatten, fn, shellTables } from './script.js';

export function bashScript(spec: CompletionSpec): string {
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
