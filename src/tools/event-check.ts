/**
 * Writes src/store/generated/event-check.ts from the event format's zod schema (domain/schema.ts): a check
 * of plain code that says, without loading zod, that a value surely passes the schema, and gives
 * the value zod would give (keys in the schema's order, trimmed texts): the value itself where
 * that is the same, as for a file eventctl wrote, so a large event is not copied. Where it cannot be sure
 * (a URL it does not parse as zod would), it says so and the caller asks zod, which also words
 * every problem. Building zod's schemas and warming its code costs a small event's read more than
 * all its other work; this check costs a few milliseconds. `npm run docs` writes it; a test fails
 * when the committed file is stale, and a property test holds it to zod.
 *
 * Only the kinds of schema the format uses are known here; any other stops the generation.
 */
import type { z } from 'zod';
import { FORMAT_LISTS as LISTS } from '../domain/lists.js';
import { eventFileSchema } from '../domain/schema.js';

interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
/** A part of a schema's definition that is itself a schema. */
const zt = (v: unknown): z.ZodType => v as z.ZodType;
const checkDefs = (d: Def): Def[] => ((d.checks as { _zod: { def: Def } }[] | undefined) ?? []).map((c) => c._zod.def);

/** A string literal, in pieces joined by `+` where it is long (lines stay under 120 characters). */
const literal = (s: string): string => {
  const pieces: string[] = [];
  for (let i = 0; i < s.length || !pieces.length; i += 60) pieces.push(JSON.stringify(s.slice(i, i + 60)));
  return pieces.join(' +\n  ');
};
const regex = (r: unknown): string => {
  if (!(r instanceof RegExp) || /[gy]/.test(r.flags)) throw new Error(`unexpected pattern ${String(r)}`);
  const one = `new RegExp(${JSON.stringify(r.source)}, ${JSON.stringify(r.flags)})`;
  return one.length <= 90 ? one : `new RegExp(\n  ${literal(r.source)},\n  ${JSON.stringify(r.flags)},\n)`;
};
/** Each text's place in a list, as a Map. */
const mapOf = (values: string[]): string => {
  const pairs = values.map((v, i) => `[${JSON.stringify(v)}, ${i}]`);
  const one = `new Map<string, number>([${pairs.join(', ')}])`;
  return one.length <= 100 ? one : `new Map<string, number>([\n${pairs.map((p) => `  ${p},`).join('\n')}\n])`;
};
/** A set of texts, one per line where they do not fit on one. */
const setOf = (type: string, values: unknown[]): string => {
  const one = `new Set<${type}>(${JSON.stringify(values)})`;
  return one.length <= 90 ? one : `new Set<${type}>([\n${values.map((v) => `  ${JSON.stringify(v)},`).join('\n')}\n])`;
};

export function generateEventCheck(): string {
  const names = new Map<z.ZodType, string>();
  const functions = new Map<string, string>();
  const constants = new Map<string, string>();
  /** A constant's name, one per distinct text. */
  const constant = (text: string): string => {
    const known = constants.get(text);
    if (known) return known;
    const name = `C${constants.size}`;
    constants.set(text, name);
    return name;
  };

  /** The name of the function that checks `schema`: one per distinct body (the format has no cycles). */
  const fn = (schema: z.ZodType): string => {
    const known = names.get(schema);
    if (known) return known;
    const body = bodyOf(defOf(schema))
      .map((l) => `  ${l}`)
      .join('\n');
    const name = functions.get(body) ?? `f${functions.size}`;
    functions.set(body, name);
    names.set(schema, name);
    return name;
  };

  const bodyOf = (d: Def): string[] => {
    switch (d.type) {
      case 'object': {
        const shape = d.shape as Record<string, z.ZodType>;
        const catchall = d.catchall ? defOf(zt(d.catchall)).type : undefined;
        if (catchall !== undefined && catchall !== 'never') throw new Error(`object with ${catchall} catchall`);
        const places = constant(mapOf(Object.keys(shape)));
        const out = [
          'if (!isMap(v)) return NO;',
          // zod gives a new object with the keys in the schema's order: \`v\` itself is that value
          // when its keys are in that order and every value is given back as it is.
          'let same = true;',
          'let last = -1;',
          'for (const k in v) {',
          `  const at = ${places}.get(k);`,
          // A strict object refuses other keys; zod's plain object drops them.
          `  if (at === undefined) ${catchall === 'never' ? 'return NO;' : 'same = false;'}`,
          '  else if (at < last) same = false;',
          '  else last = at;',
          '}',
        ];
        const build: string[] = ['const out: Record<string, unknown> = {};'];
        Object.entries(shape).forEach(([key, value], n) => {
          const k = JSON.stringify(key);
          const vd = defOf(value);
          const optional = vd.type === 'optional';
          const check = fn(optional ? zt(vd.innerType) : value);
          out.push(
            `const x${n} = v[${k}] === undefined ? undefined : ${check}(v[${k}]);`,
            optional ? `if (x${n} === NO) return NO;` : `if (x${n} === NO || x${n} === undefined) return NO;`,
            `if (x${n} !== v[${k}]) same = false;`,
          );
          build.push(`if (x${n} !== undefined) out[${k}] = x${n};`);
        });
        return [...out, 'if (same) return v;', ...build, 'return out;'];
      }
      case 'array': {
        if (checkDefs(d).length) throw new Error('array with checks');
        const item = fn(zt(d.element));
        return [
          'if (!Array.isArray(v)) return NO;',
          // A new list only from the first item given back otherwise.
          'let out: unknown[] | undefined;',
          'for (let i = 0; i < v.length; i++) {',
          `  const x = ${item}(v[i]);`,
          '  if (x === NO) return NO;',
          '  if (out) out.push(x);',
          '  else if (x !== v[i]) out = [...v.slice(0, i), x];',
          '}',
          'return out ?? v;',
        ];
      }
      case 'record': {
        const key = defOf(zt(d.keyType));
        if (key.type !== 'string' || checkDefs(key).length || key.format) throw new Error('record with checked keys');
        const value = fn(zt(d.valueType));
        return [
          'if (!isMap(v)) return NO;',
          'let same = true;',
          'for (const k of Object.keys(v)) {',
          `  const x = ${value}(v[k]);`,
          '  if (x === NO) return NO;',
          '  if (x !== v[k]) same = false;',
          '}',
          'if (same) return v;',
          'const out: Record<string, unknown> = {};',
          `for (const k of Object.keys(v)) out[k] = ${value}(v[k]);`,
          'return out;',
        ];
      }
      case 'union': {
        const options = (d.options as unknown[]).map((o) => fn(zt(o)));
        // zod takes the first option that passes.
        return [
          'let x: unknown;',
          ...options.flatMap((o) => [`x = ${o}(v);`, 'if (x !== NO) return x;']),
          'return NO;',
        ];
      }
      case 'optional':
        return ['if (v === undefined) return v;', `return ${fn(zt(d.innerType))}(v);`];
      case 'literal':
        return [`return ${constant(JSON.stringify(d.values))}.includes(v as never) ? v : NO;`];
      case 'enum':
        return [`return ${constant(setOf('unknown', Object.values(d.entries as object)))}.has(v) ? v : NO;`];
      case 'boolean':
        return ["return typeof v === 'boolean' ? v : NO;"];
      case 'number':
        return numberBody(d);
      case 'string':
        return stringBody(d);
      default:
        throw new Error(`unexpected schema type ${d.type}`);
    }
  };

  const numberBody = (d: Def): string[] => {
    const out = ["if (typeof v !== 'number' || !Number.isFinite(v)) return NO;"];
    if (d.format === 'safeint') out.push('if (!Number.isSafeInteger(v)) return NO;');
    else if (d.format !== undefined) throw new Error(`number format ${String(d.format)}`);
    for (const c of checkDefs(d)) {
      if (c.check !== 'greater_than') throw new Error(`number check ${String(c.check)}`);
      out.push(`if (!(v ${c.inclusive ? '>=' : '>'} ${Number(c.value)})) return NO;`);
    }
    return [...out, 'return v;'];
  };

  const stringBody = (d: Def): string[] => {
    const trims = checkDefs(d).some((c) => c.check === 'overwrite');
    const out = ["if (typeof v !== 'string') return NO;", `${trims ? 'let' : 'const'} s = v;`];
    const pattern = d.format === 'email' || d.format === 'regex' ? constant(regex(d.pattern)) : undefined;
    if (pattern) out.push(`if (!${pattern}.test(s)) return NO;`);
    else if (d.format === 'url') {
      // Sure only of a URL with nothing zod would trim or strip, that parses, in an allowed protocol.
      out.push(`if (!sureUrl(s, ${constant(regex(d.protocol))})) throw UNSURE;`);
    } else if (d.format !== undefined) throw new Error(`string format ${String(d.format)}`);
    for (const c of checkDefs(d)) {
      if (c.check === 'overwrite') {
        const tx = c.tx as (s: string) => string;
        if (tx('  Ab  ') !== 'Ab') throw new Error('a string overwrite other than trim');
        out.push('s = s.trim();');
      } else if (c.check === 'min_length') out.push(`if (s.length < ${Number(c.minimum)}) return NO;`);
      else if (c.check === 'string_format' && c.format === 'regex') {
        out.push(`if (!${constant(regex(c.pattern))}.test(s)) return NO;`);
      } else throw new Error(`string check ${String(c.check)}`);
    }
    return [...out, 'return s;'];
  };

  const root = fn(eventFileSchema);
  const shape = eventFileSchema.shape as Record<string, z.ZodType>;
  const sections = Object.entries(shape).map(([key, s]) => `  ${JSON.stringify(key)}: ${fn(s)},`);
  const itemOf = (key: string) => (shape[key] as unknown as z.ZodOptional<z.ZodArray<z.ZodType>>).unwrap().element;
  const items = LISTS.map((key) => `  ${key}: ${fn(itemOf(key))},`);

  return `/**
 * Generated by src/tools/event-check.ts from domain/schema.ts (\`npm run docs\`): do not edit.
 * Whether a value surely passes the event format's zod schema, and the value zod gives for it,
 * without loading zod. undefined: not sure (the caller asks zod, which words every problem).
 */
import type { EventFile } from '../../domain/schema.js';
import type { ListKey } from '../../domain/lists.js';

/** Fails the schema. */
const NO = Symbol('no');
/** Not sure: zod must say. */
const UNSURE = new Error('not sure');
const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A URL zod surely keeps as it is: no white space, \`scheme://\`, parsed by URL, an allowed protocol. */
function sureUrl(s: string, protocol: RegExp): boolean {
  if (/\\s/.test(s) || !/^https?:\\/\\//i.test(s)) return false;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  return protocol.test(url.protocol.slice(0, -1));
}

${[...constants].map(([text, name]) => `const ${name} = ${text};`).join('\n')}

${[...functions].map(([body, name]) => `function ${name}(v: unknown): unknown {\n${body}\n}`).join('\n\n')}

/** What zod gives for \`v\`, or NO when \`v\` fails or this check is not sure. */
function run(check: (v: unknown) => unknown, v: unknown): unknown {
  try {
    return check(v);
  } catch (e) {
    if (e === UNSURE) return NO;
    throw e;
  }
}

/** The event zod reads from a parsed file, when it surely passes. */
export function sureEvent(v: unknown): EventFile | undefined {
  const out = run(${root}, v);
  return out === NO ? undefined : (out as EventFile);
}

const valid = (check: (v: unknown) => unknown) => (v: unknown) => run(check, v) !== NO;

/** Whether each top-level section surely passes (false: zod must say). */
export const validSection: Record<string, (v: unknown) => boolean> = {
${sections.map((l) => l.replace(/: (f\d+),$/, ': valid($1),')).join('\n')}
};

/** Whether an item of each list surely passes (false: zod must say). */
export const validItem: Record<ListKey, (v: unknown) => boolean> = {
${items.map((l) => l.replace(/: (f\d+),$/, ': valid($1),')).join('\n')}
};
`;
}
