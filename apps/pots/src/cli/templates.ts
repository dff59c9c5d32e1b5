// `pots templates [--json]`, `pots templates show <name>`, `pots templates import <file>`: the
// layout templates there are, one as pots sees it, and tmuxp/tmuxinator files converted.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Ui } from '@plumpots/core/ui';
import {
  findTemplate,
  needsTrust,
  templateCommands,
  templateToYaml,
  type Template,
  type TemplateSource,
} from '../templates/index.js';
import {
  importTemplateFile,
  listPotsTemplates,
  templateLookup,
  type TemplateTrustOptions,
} from '../templates/operations.js';
import { commandEnv, withGlobals } from './shared.js';

interface JsonFlag {
  json?: boolean;
}

interface ImportFlags {
  name?: string;
  write?: boolean;
}

/**
 * The `confirm` for a repository's template: shows its commands and asks, on a terminal only
 * (without one, the template is refused with its commands listed).
 * @example await createUnit(pots, { template: 'review', confirm: templateConfirm(ui) })
 */
export function templateConfirm(ui: Ui): TemplateTrustOptions['confirm'] {
  if (!ui.isInteractive()) return undefined;
  return async (message, details) => {
    ui.warn([message, ...details.map((line) => `  ${line}`)].join('\n'));
    return ui.confirm('Run them?', { default: false });
  };
}

/** A template as `pots templates --json` and `show --json` print it. */
export function templateJson(template: Template, shadows: readonly Template[] = []) {
  return {
    name: template.name,
    ...sourceJson(template.source),
    format: template.format,
    description: template.description ?? null,
    needsTrust: needsTrust(template),
    windows: template.windows.map((w) => ({
      name: w.name,
      layout: w.layout ?? null,
      panes: w.panes.length,
    })),
    shadows: shadows.map((t) => sourceJson(t.source)),
  };
}

function sourceJson(source: TemplateSource) {
  return {
    source: source.kind,
    origin: source.kind === 'config' ? source.origin : null,
    file: 'file' in source && source.file !== undefined ? source.file : null,
  };
}

function sourceText(source: TemplateSource): string {
  switch (source.kind) {
    case 'builtin':
      return 'built-in';
    case 'config':
      return `config (${source.origin})`;
    default:
      return source.kind;
  }
}

export function registerTemplates(program: Command): void {
  const templates = withGlobals(
    program
      .command('templates')
      .description('list layout templates: built-in, yours, the repository’s and config’s')
      .option(
        '--json',
        'print JSON: [{ name, source, origin, file, format, description, needsTrust, windows, shadows }]',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots templates                              every template and where it comes from
  pots templates show development             one template, as YAML
  pots templates import ~/.tmuxp/shop.yaml --write   a tmuxp file saved as your template

Later sources win: built-in < ~/.config/pots/templates < .pots/templates < config pots.templates.
Files may be pots templates, tmuxp workspaces or tmuxinator projects.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const catalog = await listPotsTemplates(pots);
      for (const problem of catalog.problems) ui.warn(problem.message);
      for (const warning of catalog.warnings) ui.warn(warning);
      if (ui.mode.json) {
        return ui.json(
          catalog.templates.map((t) =>
            templateJson(
              t,
              catalog.shadowed.filter((s) => s.name === t.name),
            ),
          ),
        );
      }
      ui.printTable(catalog.templates, [
        { key: 'name', header: 'NAME' },
        { key: 'source', header: 'SOURCE', format: (_v, t: Template) => sourceText(t.source) },
        { key: 'format', header: 'FORMAT' },
        {
          key: 'windows',
          header: 'WINDOWS',
          format: (_v, t: Template) =>
            t.windows.map((w) => `${w.name}(${w.panes.length})`).join(' '),
        },
        {
          key: 'description',
          header: 'DESCRIPTION',
          format: (v) => (typeof v === 'string' ? v : ''),
        },
      ]);
    });

  withGlobals(
    templates
      .command('show')
      .description('print one template as pots sees it (a tmuxp or tmuxinator file converted)')
      .argument('<name>', 'a template name, or a file path (./x.yaml)')
      .option('--json', 'print JSON: the template with its windows and panes'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots templates show agent
  pots templates show ./.tmuxinator.yml       what pots would make of a tmuxinator project
  pots templates show review --json

Exit codes: 0 · 3 no such template · 6 the template file is invalid.`,
    )
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const { template, warnings } = await findTemplate(name, await templateLookup(pots));
      for (const warning of warnings) ui.warn(warning);
      if (command.opts<JsonFlag>().json || ui.mode.json) {
        return ui.json({
          ...templateJson(template),
          options: template.options ?? {},
          windows: template.windows,
          commands: templateCommands(template),
        });
      }
      ui.print(
        `# ${template.name}: ${sourceText(template.source)}${'file' in template.source && template.source.file ? ` ${template.source.file}` : ''}`,
      );
      ui.print(templateToYaml(template).trimEnd());
    });

  withGlobals(
    templates
      .command('import')
      .description('convert a tmuxp or tmuxinator file into a pots template (YAML)')
      .argument('<file>', 'a tmuxp workspace or tmuxinator project (YAML or JSON)')
      .option('--name <name>', 'the template name (default: from the file)')
      .option('--write', 'save it in ~/.config/pots/templates/<name>.yaml instead of printing it'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots templates import ~/.tmuxp/shop.yaml                  print the converted template
  pots templates import ~/.config/tmuxinator/shop.yml --write --name shop

Keys pots does not honour are named on stderr. Exit codes: 0 · 3 no such file · 4 --write would
overwrite a template · 6 the file is invalid.`,
    )
    .action(async (file: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<ImportFlags>();
      const result = await importTemplateFile(resolve(pots.cwd, file), {
        env: pots.env,
        ...(flags.name ? { name: flags.name } : {}),
        ...(flags.write ? { write: true } : {}),
      });
      for (const warning of result.warnings) ui.warn(warning);
      if (result.written) {
        ui.print(result.written);
        ui.success(`saved ${result.format} file as template "${result.template.name}"`);
      } else {
        ui.print(result.yaml.trimEnd());
      }
    });
}
