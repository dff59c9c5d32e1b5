// What the bash, zsh and fish scripts share: the command tree numbered as lookup-table nodes, the
// encoding of a value source, the `case` tables bash and zsh both use, the names of the
// function and of the variable a script exports.
import type { CompletionCommand, CompletionSource, CompletionSpec } from './spec.js';

/** One node per command, numbered depth-first (0 is the bin), for the scripts' lookup tables. */
export interface Node {
  id: number;
  command: CompletionCommand;
  children: Array<{ words: string[]; id: number }>;
}

export function flatten(spec: CompletionSpec): Node[] {
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
export function encode(source: CompletionSource | null): string {
  if (source === null) return '';
  if (source === 'files' || source === 'dirs') return source;
  if ('choices' in source) return `choices ${source.choices.join(' ')}`;
  return `dynamic ${source.dynamic}`;
}

/** `(source, patterns)` pairs for every option value and argument of every node. */
export function sourceCases(nodes: readonly Node[]): Array<{ patterns: string[]; source: string }> {
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
export function casePattern(pattern: string): string {
  return pattern.endsWith('*') ? `'${pattern.slice(0, -1)}'*` : `'${pattern}'`;
}

/** The variable the completion scripts export, e.g. `PLUM_COMPLETION`. */
export function completionMarker(bin: string): string {
  return `${bin.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_COMPLETION`;
}

export function fn(bin: string): string {
  return `_${bin.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The lookup functions the bash and zsh scripts share: `<f>_child` (a node's subcommand by word),
 * `<f>_node` (a node's commands and options, as `nodeCases` sets them for the shell) and
 * `<f>_source` (where an argument's or option's values come from).
 */
export function shellTables(
  f: string,
  nodes: readonly Node[],
  nodeCases: readonly string[],
): string {
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
