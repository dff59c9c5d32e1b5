// 300 long lines with colour, printed by a shell: what the stream and `pots logs -f` tests follow.
// The 300 x's are made once: two processes per line made the loop take seconds under load.
export const PRINT_300 = `x=$(head -c 300 </dev/zero | tr '\\0' x); for i in $(seq 1 300); do printf 'line %d \\033[31mred\\033[0m %s\\n' $i "$x"; done`;

/** Every line PRINT_300 prints, in order. */
export const PRINTED_300 = Array.from(
  { length: 300 },
  (_, i) => `line ${i + 1} \x1b[31mred\x1b[0m ${'x'.repeat(300)}`,
);
