/**
 * The benchmark's floors: a bare script that parses the file with the same library eventctl uses
 * (`yaml` or JSON.parse), and for writes also serialises it and writes it back. Nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, parseDocument } from 'yaml';

const [mode, file] = process.argv.slice(2) as ['parse' | 'write', string];
const text = readFileSync(file, 'utf8');
const json = file.endsWith('.json');
if (mode === 'parse') {
  if (json) JSON.parse(text);
  else parse(text);
} else if (json) {
  writeFileSync(`${file}.floor`, JSON.stringify(JSON.parse(text), null, 2));
} else {
  writeFileSync(`${file}.floor`, parseDocument(text).toString());
}
