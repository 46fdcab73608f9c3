/**
 * `npm run docs`: writes what is generated from the program into docs/: the command reference
 * (docs/commands.md) and the event file's JSON Schema (docs/event.schema.json, as `eventctl
 * schema` prints it). A test fails when either committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandReference } from '../cli/reference.js';
import { schemaDocument } from '../domain/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = path.join(ROOT, 'docs');
mkdirSync(docs, { recursive: true });
writeFileSync(path.join(docs, 'commands.md'), await commandReference());
writeFileSync(path.join(docs, 'event.schema.json'), `${JSON.stringify(schemaDocument(), null, 2)}\n`);
process.stdout.write('docs/commands.md and docs/event.schema.json written\n');
