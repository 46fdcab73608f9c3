/**
 * The benchmark's floors: a bare script that does the least any command on the file must do.
 * `parse`: js-yaml (or JSON.parse) of the file; `write` (JSON): JSON.parse, JSON.stringify and
 * the write back. Nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';

const [mode, file] = process.argv.slice(2) as ['parse' | 'write', string];
const text = readFileSync(file, 'utf8');
const json = file.endsWith('.json');
if (mode === 'parse') {
  if (json) JSON.parse(text);
  else load(text, { schema: CORE_SCHEMA });
} else {
  writeFileSync(`${file}.floor`, JSON.stringify(JSON.parse(text), null, 2));
}
