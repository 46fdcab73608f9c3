import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { schemaDocument } from '../../domain/schema.js';
import { writeOutput } from '../../pipeline/output.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

/** The event file this command would work on, if there is one (schema needs none). */
function eventFileIfAny(ctx: Ctx): { eventFile?: string } {
  try {
    return { eventFile: ctx.file() };
  } catch {
    return {};
  }
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description('print the JSON Schema of the event file (for editors and other tools)')
    .addHelpText('after', '\nPoint a YAML file at it with:  # yaml-language-server: $schema=./event.schema.json')
    .option('-o, --output <file>', 'write it to this file (event.schema.json beside the event, for editors)')
    .action(
      action(io, async (ctx, opts: { output?: string }) => {
        const text = `${JSON.stringify(schemaDocument(), null, 2)}\n`;
        if (!opts.output) return ctx.data(text);
        const target = path.resolve(ctx.io.cwd, opts.output);
        await writeOutput(target, text, {
          option: '-o',
          given: opts.output,
          shown: ctx.shown(target),
          inBatch: ctx.inBatch,
          ...eventFileIfAny(ctx),
        });
        if (ctx.json)
          ctx.printJson({ written: ctx.shown(target), format: 'json-schema', bytes: Buffer.byteLength(text) });
        else ctx.err(`Wrote ${ctx.shown(target)}`);
      }),
    );
}
