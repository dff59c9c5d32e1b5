// The shape of one MCP tool of `pots mcp`: a zod input and output schema (the SDK publishes them as
// JSON Schema in tools/list and validates both ways) and a handler that returns the same object the
// matching `--json` output prints. Kept free of the SDK so the tool table is plain data.
import type { z } from '@plumpots/core/schema';
import type { McpScope } from './scope.js';

export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** One tool. `run` throws the library's typed errors; the server turns them into tool errors. */
export interface McpTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  run(scope: McpScope, args: z.infer<I>, signal: AbortSignal): Promise<z.infer<O>>;
}

/** Declares a tool with its types inferred from its schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: McpTool<I, O>,
): McpTool<I, O> {
  return tool;
}
