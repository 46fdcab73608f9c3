/**
 * Tracks and contribution types (Indico's `Track` and `ContributionType`): the event's lists that
 * contributions point into. Both are event management. Deleting one leaves its contributions
 * without one (Indico: track FK `ON DELETE SET NULL`; `RHDeleteContributionType` clears the type).
 */
import { bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import { allocateId, idsInUse, type Outcome } from './event.js';
import { must } from './must.js';
import type { ContributionType, EventFile, Track } from './schema.js';

export type CatalogKind = 'track' | 'contributionType';

interface Spec<T> {
  list: 'tracks' | 'contributionTypes';
  /** the field that names an item (`title` of a track, `name` of a type) */
  label: 'title' | 'name';
  /** the contribution field that points at it */
  field: 'track' | 'type';
  what: string;
  of: (ev: EventFile) => T[];
}

const SPECS = {
  track: { list: 'tracks', label: 'title', field: 'track', what: 'Track', of: (ev) => ev.tracks ?? [] },
  contributionType: {
    list: 'contributionTypes',
    label: 'name',
    field: 'type',
    what: 'Contribution type',
    of: (ev) => ev.contributionTypes ?? [],
  },
} as const satisfies Record<CatalogKind, Spec<Track | ContributionType>>;

type ItemOf<K extends CatalogKind> = K extends 'track' ? Track : ContributionType;

const labelOf = (item: Track | ContributionType) => ('title' in item ? item.title : item.name);

/** A track or a type by id (`3`, `#3`), code (tracks) or exact name, case-insensitive. */
export function resolveCatalog<K extends CatalogKind>(ev: EventFile, kind: K, ref: string): ItemOf<K> {
  const spec = SPECS[kind];
  const items = spec.of(ev) as ItemOf<K>[];
  const id = /^#?(\d+)$/.exec(ref.trim())?.[1];
  const byId = id === undefined ? undefined : items.find((t) => t.id === Number(id));
  if (byId) return byId;
  const key = ref.trim().toLowerCase();
  const named = items.filter(
    (t) => labelOf(t).trim().toLowerCase() === key || ('code' in t && t.code?.toLowerCase() === key),
  );
  if (named.length === 1) return must(named[0]);
  if (named.length > 1) throw new RuleError(`${spec.what} '${ref}' is ambiguous: give its id`);
  const known = items.map((t) => `#${t.id} ${labelOf(t)}`).join(', ');
  throw new RuleError(`${spec.what} '${ref}' not found`, undefined, known ? [`There are: ${known}.`] : []);
}

export interface CatalogInput {
  /** a track's title, a type's name */
  label: string;
  code?: string;
  description?: string;
  private?: boolean;
}

export function addCatalog<K extends CatalogKind>(ev: EventFile, kind: K, input: CatalogInput): Outcome<ItemOf<K>> {
  const spec = SPECS[kind];
  const label = input.label.trim();
  if (!label) throw new RuleError(`A ${spec.what.toLowerCase()} needs a ${spec.label}`).about(spec.label);
  if (spec.of(ev).some((t) => labelOf(t).trim().toLowerCase() === label.toLowerCase()))
    throw new RuleError(`A ${spec.what.toLowerCase()} with this ${spec.label} already exists: '${label}'`);
  return change(ev, (draft, changes) => {
    const id = allocateId(ev, kind, idsInUse(ev, kind));
    const item = (kind === 'track' ? { id, title: label } : { id, name: label }) as Record<string, unknown>;
    if (input.code && kind === 'track') item.code = input.code;
    if (input.description) item.description = input.description;
    if (input.private && kind === 'contributionType') item.private = true;
    if (!draft[spec.list]) draft[spec.list] = [];
    (draft[spec.list] as unknown[]).push(item);
    bumpCounter(draft, kind, id);
    changes.push({ action: 'added', kind: 'event', message: `${spec.what} '${label}' added` });
    return { ...item } as ItemOf<K>;
  });
}

export function editCatalog<K extends CatalogKind>(
  ev: EventFile,
  kind: K,
  ref: string,
  edit: Partial<CatalogInput>,
): Outcome<ItemOf<K>> {
  const spec = SPECS[kind];
  const item = resolveCatalog(ev, kind, ref);
  const label = edit.label?.trim();
  if (label !== undefined && !label) throw new RuleError(`A ${spec.what.toLowerCase()} needs a ${spec.label}`);
  if (label && spec.of(ev).some((t) => t.id !== item.id && labelOf(t).trim().toLowerCase() === label.toLowerCase()))
    throw new RuleError(`A ${spec.what.toLowerCase()} with this ${spec.label} already exists: '${label}'`);
  return change(ev, (draft, changes) => {
    const t = (draft[spec.list] as (Track | ContributionType)[]).find((x) => x.id === item.id) as Record<
      string,
      unknown
    >;
    if (label) t[spec.label] = label;
    if (edit.code !== undefined && kind === 'track') setOptional(t, 'code', edit.code || undefined);
    if (edit.description !== undefined) setOptional(t, 'description', edit.description || undefined);
    if (edit.private !== undefined && kind === 'contributionType') setOptional(t, 'private', edit.private || undefined);
    changes.push({ action: 'updated', kind: 'event', message: `${spec.what} '${t[spec.label]}' updated` });
    return { ...t } as ItemOf<K>;
  });
}

/** Deletes it; its contributions keep no track (or type), as in Indico. */
export function removeCatalog<K extends CatalogKind>(
  ev: EventFile,
  kind: K,
  ref: string,
): Outcome<{ removed: ItemOf<K>; cleared: number[] }> {
  const spec = SPECS[kind];
  const item = resolveCatalog(ev, kind, ref);
  return change(ev, (draft, changes) => {
    (draft as Record<string, unknown>)[spec.list] = (draft[spec.list] as { id: number }[]).filter(
      (t) => t.id !== item.id,
    );
    changes.push({ action: 'removed', kind: 'event', message: `${spec.what} '${labelOf(item)}' deleted` });
    const cleared: number[] = [];
    for (const c of draft.contributions ?? []) {
      if (c[spec.field] !== item.id) continue;
      delete c[spec.field];
      cleared.push(c.id);
      changes.push({
        action: 'updated',
        kind: 'contribution',
        id: c.id,
        message: `Contribution #${c.id} '${c.title}' has no ${spec.what.toLowerCase()} any more`,
      });
    }
    return { removed: item, cleared };
  });
}
