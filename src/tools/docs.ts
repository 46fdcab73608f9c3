/**
 * `npm run docs`: writes what is generated from the program: the command reference
 * (docs/commands.md), the event file's JSON Schema (docs/event.schema.json, as `eventctl schema`
 * prints it) and the schema check without zod (src/store/generated/event-check.ts). A test fails when any
 * committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandReference } from '../cli/reference.js';
import { schemaDocument } from '../domain/schema.js';
import { generateEventCheck } from './event-check.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = path.join(ROOT, 'docs');
mkdirSync(docs, { recursive: true });
writeFileSync(path.join(docs, 'commands.md'), await commandReference());
writeFileSync(path.join(docs, 'event.schema.json'), `${JSON.stringify(schemaDocument(), null, 2)}\n`);
writeFileSync(path.join(ROOT, 'src', 'store', 'generated', 'event-check.ts'), generateEventCheck());
process.stdout.write('docs/commands.md, docs/event.schema.json and src/store/generated/event-check.ts written\n');
