/**
 * The benchmark's floors: a bare script that parses the file with the library eventctl uses for
 * that path — reads: js-yaml (or JSON.parse); writes: the `yaml` Document, serialised and written
 * back (or JSON.parse and JSON.stringify). Nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument } from 'yaml';

const [mode, file] = process.argv.slice(2) as ['parse' | 'write', string];
const text = readFileSync(file, 'utf8');
const json = file.endsWith('.json');
if (mode === 'parse') {
  if (json) JSON.parse(text);
  else load(text, { schema: CORE_SCHEMA });
} else if (json) {
  writeFileSync(`${file}.floor`, JSON.stringify(JSON.parse(text), null, 2));
} else {
  writeFileSync(`${file}.floor`, parseDocument(text).toString());
}
