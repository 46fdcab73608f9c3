/**
 * zod's check of the event format (schema.ts), every problem worded with its path and the value
 * found there: what the store's reader asks when the check generated from the schema is not sure
 * (store/read/conform.ts). Loaded only then: building zod's schemas and warming its code costs a
 * small event's read more than the rest of its work.
 */
import type { z } from 'zod';
import type { ListKey } from './lists.js';
import type { Path, Problem } from './rules.js';
import { type EventFile, eventFileSchema, FORMAT_VERSION } from './schema.js';

/**
 * zod compiles an object schema to code on its first use: worth it for a large file (a third
 * faster on 40,000 contributions), not for a small one (the demo's check takes 25 ms without, 42
 * with). They break even near 200 KB. Asked per parse: zod reads its global setting when a schema
 * is built, which is when this module is loaded.
 */
const jitless = (size: number) => ({ jitless: size < 256 * 1024 });
/** A write's read-back checks a few items: never worth compiling. */
const FEW = { jitless: true };

/** Schema check of the parsed value: every problem, each with its path. */
function schemaProblems(raw: unknown, textLength: number): { event?: EventFile; problems: Problem[] } {
  if (raw && typeof raw === 'object' && 'eventctl' in raw) {
    const version = (raw as { eventctl: unknown }).eventctl;
    if (version !== FORMAT_VERSION) {
      const newer = typeof version === 'number' && version > FORMAT_VERSION;
      return {
        problems: [
          {
            severity: 'error',
            rule: 'format-version',
            message: newer
              ? `format version ${version} is newer than this eventctl understands (${FORMAT_VERSION}): upgrade it`
              : `unknown format version ${JSON.stringify(version)}: this eventctl reads format ${FORMAT_VERSION}`,
            path: ['eventctl'],
          },
        ],
      };
    }
  }
  const result = eventFileSchema.safeParse(raw, jitless(textLength));
  if (result.success) return { event: result.data, problems: [] };
  return { problems: issueProblems(result.error.issues, []).map((p) => withValue(p, raw)) };
}

/** A schema problem with the value the file holds there (`expected whole minutes (got "ninety")`). */
function withValue(p: Problem, raw: unknown): Problem {
  let value: unknown = raw;
  for (const key of p.path) {
    if (value === null || typeof value !== 'object') return p;
    value = (value as Record<string | number, unknown>)[key];
  }
  if (value === undefined || (typeof value === 'object' && value !== null)) return p;
  const shown = JSON.stringify(value);
  return { ...p, message: `${p.message} (got ${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown})` };
}

type Issue = z.core.$ZodIssue;

/** zod's issues as problems a person reads, each with its path. */
function issueProblems(issues: readonly Issue[], prefix: Path): Problem[] {
  const problems: Problem[] = [];
  const add = (issue: Issue, prefix: Path) => {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length) {
      // Report the branch that came closest (fewest problems) rather than "Invalid input".
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length === 1 && best[0]?.code === 'invalid_value') {
        problems.push({ severity: 'error', rule: 'schema', message: describeUnion(path), path });
        return;
      }
      for (const sub of best) add(sub as Issue, path);
      return;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ severity: 'error', rule: 'schema', message: `unknown key "${key}"`, path: [...path, key] });
      }
      return;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) {
      message = `"${String(path[path.length - 1])}" is required`;
    }
    problems.push({ severity: 'error', rule: 'schema', message, path });
  };
  for (const issue of issues) add(issue, prefix);
  return problems;
}

const itemSchema = (key: ListKey) => eventFileSchema.shape[key].unwrap().element as z.ZodType;

function describeUnion(path: Path): string {
  const last = String(path[path.length - 1]);
  if (last === 'location') return 'expected "inherit" or a location { venue, room, address }';
  return 'expected one of the allowed forms';
}

/** zod's check of the format, every problem worded with its path. */
export interface ZodCheck {
  schemaProblems(raw: unknown, textLength: number): { event?: EventFile; problems: Problem[] };
  sectionProblems(key: string, value: unknown): Problem[];
  itemProblems(key: ListKey, item: unknown, at: Path): Problem[];
}

export const zodCheck: ZodCheck = {
  schemaProblems,
  sectionProblems(key, value) {
    const r = (eventFileSchema.shape as Record<string, z.ZodType>)[key]?.safeParse(value, FEW);
    return !r || r.success ? [] : issueProblems(r.error.issues, [key]);
  },
  itemProblems(key, item, at) {
    const r = itemSchema(key).safeParse(item, FEW);
    return r.success ? [] : issueProblems(r.error.issues, at);
  },
};
