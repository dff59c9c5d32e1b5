// `pots templates [--json]`, `pots templates show <name>`, `pots templates import <file>`,
// `pots templates trust <name>`: the layout templates there are, one as pots sees it,
// tmuxp/tmuxinator files converted, and a repository's template file approved.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RefusedError, setCompletion } from '@plumpots/core';
import type { Ui } from '@plumpots/core/ui';
import {
  approveTemplate,
  findTemplate,
  needsTrust,
  templateCommands,
  templateToYaml,
  type Template,
  type TemplateSource,
  importTemplateFile,
  listPotsTemplates,
  templateLookup,
  templateTrust,
  type TemplateTrust,
  type TemplateTrustOptions,
} from '../api/templates.js';
import { commandEnv, withGlobals } from './shared.js';

interface JsonFlag {
  json?: boolean;
}

interface ImportFlags {
  name?: string;
  write?: boolean;
}

interface TrustFlags {
  yes?: boolean;
  json?: boolean;
}

/**
 * The `confirm` for a repository's template: shows its commands and asks, on a terminal only
 * (without one, the template is refused with its commands listed). A yes is remembered by plum's
 * trust store until the commands change.
 * @example await createUnit(pots, { template: 'review', confirm: templateConfirm(ui) })
 */
export function templateConfirm(ui: Ui): TemplateTrustOptions['confirm'] {
  if (!ui.isInteractive()) return undefined;
  return async (message, details) => {
    ui.warn([message, ...details.map((line) => `  ${line}`)].join('\n'));
    return ui.confirm('Trust and run them?', { default: false });
  };
}

/** What `pots templates trust --json` prints. */
export function templateTrustJson({ template, via, status }: TemplateTrust) {
  return {
    name: template.name,
    ...sourceJson(template.source),
    via,
    trusted: status?.trusted ?? true,
    needed: status?.needed ?? false,
    commands: via === 'file' ? templateCommands(template) : (status?.commands ?? []),
    details: status?.details ?? [],
    hash: status?.hash ?? null,
    storeFile: status?.storeFile ?? null,
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

function sourceFile(template: Template): string | null {
  return 'file' in template.source && template.source.file !== undefined
    ? template.source.file
    : null;
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
  pots templates trust dev --yes              approve the repository's .pots/templates/dev.yaml

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

  const show = withGlobals(
    templates
      .command('show')
      .description('print one template as pots sees it (a tmuxp or tmuxinator file converted)')
      .argument('<name>', 'a template name, or a file path (./x.yaml)')
      .option('--json', 'print JSON: the template with its windows and panes'),
  );
  setCompletion(show, { args: [{ dynamic: 'templates' }] });
  show
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

  const trust = withGlobals(
    templates
      .command('trust')
      .description("approve the commands of the repository's template file (.pots/templates)")
      .argument('<name>', 'a template name')
      .option('-y, --yes', 'approve without asking (this is the explicit trust command)')
      .option(
        '--json',
        'print JSON: { name, source, origin, file, via, trusted, needed, commands, details, hash, storeFile }',
      ),
  );
  setCompletion(trust, { args: [{ dynamic: 'templates' }] });
  trust
    .addHelpText(
      'after',
      `
Examples:
  pots templates trust dev          show what .pots/templates/dev.yaml runs, and approve it
  pots templates trust dev --yes    approve without a prompt (CI, scripts: review first)

A repository's template runs only once approved. The approval is plum's (in its trust store,
outside the repository), shared by the repository's worktrees while the commands are identical,
asked again when one changes, listed by plum trust --list and forgotten by plum trust --revoke.
A template in the repository's config file is approved with that config: plum trust. Your own
templates and the built-ins need no approval.

Exit codes: 0 approved (or nothing to approve) · 3 no such template · 4 not approved, or changed
while it was being reviewed · 6 the template file is invalid.`,
    )
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<TrustFlags>();
      const json = flags.json === true || ui.mode.json;
      const shown = await templateTrust(pots, name);
      const { status } = shown;
      const file = shown.template.source.kind === 'builtin' ? null : sourceFile(shown.template);
      const what = file ?? `template "${shown.template.name}"`;
      if (!status || !status.needed) {
        if (json) return ui.json(templateTrustJson(shown));
        ui.info(
          status
            ? `nothing to trust: ${what} runs no commands`
            : `nothing to trust: "${shown.template.name}" is ${sourceText(shown.template.source)}, it needs no approval`,
        );
        return;
      }
      if (status.trusted) {
        if (json) return ui.json(templateTrustJson(shown));
        ui.success(
          shown.via === 'config'
            ? `already trusted, with the repository config: ${what}`
            : `already trusted: ${what}`,
        );
        for (const line of status.details) ui.print(line);
        return;
      }
      // A config template: approving it alone is refused (it would approve the rest unseen).
      if (shown.via === 'config') {
        await approveTemplate(pots, name, { hash: status.hash });
        return;
      }
      if (!json) {
        ui.print(`${what} would run:`);
        for (const line of status.details) ui.print(`  ${line}`);
      }
      if (!flags.yes) {
        if (!ui.isInteractive()) {
          throw new RefusedError(
            'ERR_PLUM_UNTRUSTED',
            `not approved: ${what} (no terminal to ask)`,
            {
              details: status.details,
              hint: `review them, then run: pots templates trust ${name} --yes`,
            },
          );
        }
        const yes = await ui.confirm(`Trust these commands of template "${name}"?`, {
          default: false,
        });
        if (!yes) {
          throw new RefusedError('ERR_PLUM_UNTRUSTED', 'not approved; nothing changed', {
            hint: `run pots templates trust ${name} again when you have reviewed them`,
          });
        }
      }
      // The file is read again: if its commands changed while they were shown, nothing is approved.
      const after = await approveTemplate(pots, name, { hash: status.hash });
      if (json) return ui.json(templateTrustJson(after));
      ui.success(`trusted: ${what} (stored in ${after.status?.storeFile ?? 'plum trust store'})`);
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
