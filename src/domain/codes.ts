/**
 * Indico's program codes (indico-model.md §6.5, `E/management/program_codes.py`): a template per
 * kind of object, its placeholders filled in for every session, block or contribution, the codes
 * assigned (an existing code is overwritten, an empty result clears it). Conferences only; event
 * management. Pure.
 */
import { change } from './draft.js';
import { RuleError, UsageError } from './errors.js';
import { blockFullTitle, type Outcome } from './event.js';
import { must } from './must.js';
import type { Block, Contribution, EventFile, Session } from './schema.js';
import { weekday } from './time.js';

export type CodeKind = 'sessions' | 'blocks' | 'contributions';

export const PLACEHOLDERS: Record<CodeKind, string[]> = {
  sessions: ['{id}', '{session_type_code}'],
  blocks: ['{session_code}', '{year}', '{month}', '{day}', '{weekday2}', '{weekday3}'],
  contributions: [
    '{id}',
    '{id:N}',
    '{session_code}',
    '{session_block_code}',
    '{track_code}',
    '{year}',
    '{month}',
    '{day}',
    '{weekday2}',
    '{weekday3}',
  ],
};

export interface CodeRow {
  id: number;
  title: string;
  /** the local start, for blocks and scheduled contributions */
  start?: string;
  old: string;
  new: string;
  /** placeholders of the template that gave an empty string (Indico warns of them) */
  empty: string[];
}

function dateValues(start: string | undefined): [string, string][] {
  if (!start) return ['{year}', '{month}', '{day}', '{weekday2}', '{weekday3}'].map((p) => [p, '']);
  const day = weekday(start.slice(0, 10)).toUpperCase();
  return [
    ['{year}', start.slice(0, 4)],
    ['{month}', start.slice(5, 7)],
    ['{day}', start.slice(8, 10)],
    ['{weekday2}', day.slice(0, 2)],
    ['{weekday3}', day.slice(0, 3)],
  ];
}

/**
 * The template with each placeholder replaced in turn (Indico applies them one after another to
 * the running text), and the placeholders present in the template that gave an empty string.
 */
function fill(template: string, values: [string, string][], id?: number): { code: string; empty: string[] } {
  let code = template;
  const empty: string[] = [];
  for (const [name, value] of values) {
    if (!template.includes(name)) continue;
    if (value === '') empty.push(name);
    code = code.split(name).join(value);
  }
  if (id !== undefined) {
    // {id:N}: zero-padded to N (1 to 10) digits; an N that is not a number leaves it unpadded.
    code = code.replace(/\{id:([^}]*)\}/g, (_, n: string) => {
      const width = Number.parseInt(n.trim(), 10);
      return Number.isNaN(width) ? String(id) : String(id).padStart(Math.max(1, Math.min(width, 10)), '0');
    });
  }
  return { code: code.trim(), empty };
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** The rows of a kind in Indico's order, each with its current and generated code. */
export function planCodes(ev: EventFile, kind: CodeKind, template: string): CodeRow[] {
  const sessions = ev.sessions ?? [];
  const sessionOf = (id: number | undefined) => sessions.find((s) => s.id === id);
  if (kind === 'sessions') {
    return [...sessions]
      .sort((a, b) => lower(a.title).localeCompare(lower(b.title)) || a.id - b.id)
      .map((s) => {
        const type = (ev.sessionTypes ?? []).find((t) => t.id === s.type);
        const { code, empty } = fill(template, [
          ['{id}', String(s.id)],
          ['{session_type_code}', type?.code ?? ''],
        ]);
        return { id: s.id, title: s.title, old: s.code ?? '', new: code, empty };
      });
  }
  if (kind === 'blocks') {
    const blocks = sessions.flatMap((s) => (s.blocks ?? []).map((b) => ({ s, b })));
    blocks.sort(
      (x, y) =>
        x.b.start.localeCompare(y.b.start) ||
        lower(x.s.title).localeCompare(lower(y.s.title)) ||
        lower(x.b.title).localeCompare(lower(y.b.title)) ||
        x.b.id - y.b.id,
    );
    return blocks.map(({ s, b }) => {
      const { code, empty } = fill(template, [['{session_code}', s.code ?? ''], ...dateValues(b.start)]);
      return { id: b.id, title: blockFullTitle(s, b), start: b.start, old: b.code ?? '', new: code, empty };
    });
  }
  const blockOf = (c: Contribution): Block | undefined =>
    c.block === undefined ? undefined : sessions.flatMap((s) => s.blocks ?? []).find((b) => b.id === c.block);
  const contributions = [...(ev.contributions ?? [])].sort(
    (a, b) =>
      (a.start === undefined ? 1 : 0) - (b.start === undefined ? 1 : 0) ||
      (a.start ?? '').localeCompare(b.start ?? '') ||
      lower(a.title).localeCompare(lower(b.title)) ||
      a.id - b.id,
  );
  return contributions.map((c) => {
    const { code, empty } = fill(
      template,
      [
        ['{id}', String(c.id)],
        ['{session_code}', sessionOf(c.session)?.code ?? ''],
        ['{session_block_code}', blockOf(c)?.code ?? ''],
        // Indico gives '' for a contribution without a track, or a track without a code.
        ['{track_code}', (ev.tracks ?? []).find((t) => t.id === c.track)?.code ?? ''],
        ...dateValues(c.start),
      ],
      c.id,
    );
    return { id: c.id, title: c.title, start: c.start, old: c.code ?? '', new: code, empty };
  });
}

const WHAT: Record<CodeKind, string> = {
  sessions: 'sessions',
  blocks: 'session blocks',
  contributions: 'contributions',
};

/**
 * Assigns the codes of a kind from `template`, or from the template used last (kept in
 * settings.programCodes). `onlyEmpty` leaves objects that have a code alone (an eventctl addition).
 */
export function assignCodes(
  ev: EventFile,
  kind: CodeKind,
  options: { template?: string; onlyEmpty?: boolean },
): Outcome<CodeRow[]> {
  if (ev.event.type !== 'conference')
    throw new RuleError(`Program codes are for conferences; this event is a ${ev.event.type}`);
  const template = (options.template ?? ev.settings?.programCodes?.[kind])?.trim();
  if (template === undefined) throw new UsageError(`no template for ${WHAT[kind]} yet: give one`).about('template');
  const rows = planCodes(ev, kind, template).filter((r) => !options.onlyEmpty || r.old === '');
  const changed = rows.filter((r) => r.old !== r.new);
  const out = change(ev, (draft, changes) => {
    if (!draft.settings) draft.settings = {};
    if (draft.settings.programCodes?.[kind] !== template)
      draft.settings.programCodes = { ...(draft.settings.programCodes ?? {}), [kind]: template };
    const set = (x: Session | Block | Contribution, code: string) => {
      if (code) x.code = code;
      else delete x.code;
    };
    for (const r of changed) {
      if (kind === 'sessions') set(must((draft.sessions ?? []).find((s) => s.id === r.id)), r.new);
      else if (kind === 'contributions') set(must((draft.contributions ?? []).find((c) => c.id === r.id)), r.new);
      else {
        const block = must((draft.sessions ?? []).flatMap((s) => s.blocks ?? []).find((b) => b.id === r.id));
        set(block, r.new);
      }
    }
    changes.push({
      action: 'updated',
      kind: 'settings',
      message: changed.length ? `Program codes assigned to ${WHAT[kind]}` : 'No codes have been changed',
    });
    for (const r of changed) {
      changes.push({
        action: 'updated',
        kind: kind === 'sessions' ? 'session' : kind === 'blocks' ? 'block' : 'contribution',
        id: r.id,
        message: `#${r.id}: ${r.title}: ${r.old || '(none)'} → ${r.new || '(none)'}`,
      });
    }
    return rows;
  });
  return { ...out, eventManagement: 'assign program codes', log: [`Program codes assigned to ${WHAT[kind]}`] };
}
