import { must } from '../domain/must.js'; /**
 * A line of a batch file as words, the way a POSIX shell splits a simple command: blanks separate
 * words; '…' keeps everything; "…" keeps everything but \" \\ \$ \` (escaped); a backslash outside
 * quotes escapes the next character; `#` at the start of a word begins a comment. No variables,
 * globs or substitutions: a batch file is data, never run by a shell. (shell-quote, the usual
 * package, expands $VARIABLES and turns operators into objects, which a batch must not do.)
 */
export class WordsError extends Error {}

export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = must(line[i]);
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new WordsError("a quote (') is not closed");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(must(line[j + 1]))) j++;
        word += line[j];
      }
      if (j >= line.length) throw new WordsError('a quote (") is not closed');
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A word as a shell would need it quoted again (for the change log). */
export const quoteWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);
