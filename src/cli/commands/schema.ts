import type { Command } from 'commander';
import { schemaDocument } from '../../domain/schema.js';
import { action } from '../action.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description('print the JSON Schema of the event file (for editors and other tools)')
    .addHelpText('after', '\nPoint a YAML file at it with:  # yaml-language-server: $schema=./event.schema.json')
    .action(action(io, (ctx) => ctx.printJson(schemaDocument())));
}
