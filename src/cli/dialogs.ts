/**
 * Indico's dialogs as terminal prompts (indico-model.md §9.2, seed/sessions.md): the same fields,
 * order, defaults and wording. Each fills in the options a command was not given and returns them
 * in the command's own option shape, so the command goes on exactly as if they had been typed.
 * Values given as options are never asked again. `@inquirer/prompts` loads only here, only when a
 * dialog is about to be shown.
 */
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BLOCK_DURATION } from '../domain/blocks.js';
import { DEFAULT_BREAK_DURATION } from '../domain/breaks.js';
import { UsageError } from '../domain/errors.js';
import { defaultContributionDuration, isPosterSession, personName, placeText, sessionsOf } from '../domain/event.js';
import { isEmail } from '../domain/formats.js';
import { SUGGESTED_FOLDERS } from '../domain/materials.js';
import { must } from '../domain/must.js';
import { PALETTE, paletteIndex, randomUnusedColors } from '../domain/palette.js';
import { COORDINATOR_RIGHTS } from '../domain/protection.js';
import { coordinatorRights } from '../domain/rights.js';
import { findNextStart } from '../domain/schedule.js';
import type { EventFile, Session } from '../domain/schema.js';
import { fromEpoch } from '../domain/time.js';
import { plainText } from '../render/controls.js';
import type { Ctx } from './context.js';
import type { LocationOptions } from './location.js';
import { randomFor } from './random.js';
import { minutes, minutesOrZero } from './values.js';

type Prompts = typeof import('@inquirer/prompts');

async function prompts(ctx: Ctx, missing: string[]): Promise<Prompts> {
  if (!ctx.interactive) {
    // An argument (TITLE) is named once; an option is the error's place (--start).
    const first = must(missing[0]);
    throw new UsageError(`${first} is required`, first.startsWith('-') ? first : undefined, [
      `Give ${missing.join(', ')} (eventctl cannot ask: ${ctx.whyNoPrompt}).`,
    ]);
  }
  const p = await import('@inquirer/prompts');
  // Typed (or pasted) text never carries control characters into the event.
  const input: Prompts['input'] = (config, context) =>
    p.input(
      {
        ...config,
        validate: async (v) => {
          const plain = plainText(v);
          return plain === true && config.validate ? config.validate(v) : plain;
        },
      },
      context,
    );
  return { ...p, input };
}

/** A duration typed in a prompt, checked as the option would be (`--duration`). */
async function askMinutes(p: Prompts, message: string, fallback: number, allowZero = false): Promise<number> {
  const parse = allowZero ? minutesOrZero : minutes;
  const valid = (v: string) => {
    try {
      parse(v);
      return true;
    } catch {
      return 'Give minutes: 20, 20m, 1h30m or 1:30';
    }
  };
  return parse(await p.input({ message, default: String(fallback), validate: valid }));
}

const OTHER = '\u0000other';
const INHERIT = '\u0000inherit';

/** Default location: inherit, one of the event's rooms (Indico's room booking), or another room. */
async function askLocation(
  p: Prompts,
  ev: EventFile,
  parent: string,
  inheritedPlace: string,
  current: LocationOptions,
): Promise<LocationOptions> {
  const rooms = ev.rooms ?? [];
  const picked = await p.select({
    message: 'Default location',
    choices: [
      { name: `Inherit from the ${parent}${inheritedPlace ? ` (${inheritedPlace})` : ''}`, value: INHERIT },
      ...rooms.map((r) => ({ name: r.venue ? `${r.name} (${r.venue})` : r.name, value: r.name })),
      { name: 'Another room…', value: OTHER },
    ],
    default: current.location ?? INHERIT,
  });
  if (picked === INHERIT) return { inheritLocation: true };
  if (picked !== OTHER) return { location: picked };
  const room = await p.input({ message: 'Room', required: true });
  const venue = await p.input({ message: 'Venue', default: ev.event.location?.venue ?? '' });
  return { room, ...(venue ? { venue } : {}) };
}

/** The palette as swatches ("Aa" in the pair's colours), the default a random unused pair. */
async function askColors(ctx: Ctx, p: Prompts, ev: EventFile, current?: number): Promise<number> {
  const fallback = current ?? paletteIndex(randomUnusedColors(ev, randomFor(ctx.io.env))) ?? 1;
  const swatch = (i: number) => {
    const pair = must(PALETTE[i - 1]);
    const sample = ctx.chalk.bgHex(pair.background).hex(pair.text)(' Aa ');
    return `${sample} ${String(i).padStart(2)} ${pair.text} on ${pair.background}`;
  };
  const n = await p.select({
    message: 'Colors',
    choices: PALETTE.map((_, i) => ({ name: swatch(i + 1), value: i + 1 })),
    default: fallback,
    pageSize: 10,
  });
  return n;
}

export interface TypeOptions {
  poster?: boolean;
  code?: string;
}

/** "New session type": Name, Poster, Program code. A taken name is refused in the prompt. */
export async function sessionTypeDialog(
  ctx: Ctx,
  ev: EventFile,
  name: string | undefined,
  opts: TypeOptions,
): Promise<{ name: string } & TypeOptions> {
  if (name !== undefined) return { name, ...opts };
  const p = await prompts(ctx, ['NAME']);
  const taken = new Set((ev.sessionTypes ?? []).map((t) => t.name.trim().toLowerCase()));
  const typed = await p.input({
    message: 'Name',
    required: true,
    validate: (v) => (taken.has(v.trim().toLowerCase()) ? 'A session type with this name already exists' : true),
  });
  const poster = opts.poster ?? (await p.confirm({ message: 'Poster', default: false }));
  const code = opts.code ?? ((await p.input({ message: 'Program code' })) || undefined);
  return { name: typed.trim(), poster, ...(code ? { code } : {}) };
}

export interface SessionDialogOptions extends LocationOptions {
  title?: string;
  code?: string;
  description?: string;
  type?: string;
  duration?: number;
  colors?: number;
}

const hasLocation = (o: LocationOptions) =>
  o.location !== undefined || o.inheritLocation !== undefined || o.room !== undefined || o.venue !== undefined;

/**
 * "Add new session" and its edit form: Title, Session code, Description, Default contribution
 * duration, Type, Default location, Colors. Editing starts from the session's values.
 */
export async function sessionDialog(
  ctx: Ctx,
  ev: EventFile,
  opts: SessionDialogOptions,
  current?: Session,
): Promise<SessionDialogOptions> {
  const p = await prompts(ctx, current ? ['--title or another option'] : ['TITLE']);
  const out: SessionDialogOptions = { ...opts };
  out.title ??= (await p.input({ message: 'Title', required: true, default: current?.title })).trim();
  out.code ??= await p.input({ message: 'Session code', default: current?.code ?? '' });
  out.description ??= await p.input({ message: 'Description', default: current?.description ?? '' });
  out.duration ??= await askMinutes(p, 'Default contribution duration', defaultContributionDuration(ev, current));
  if (out.type === undefined) {
    const types = ev.sessionTypes ?? [];
    if (types.length) {
      const picked = await p.select({
        message: 'Type',
        choices: [
          { name: 'No type selected', value: '' },
          ...types.map((t) => ({ name: `${t.name}${t.poster ? ' (poster)' : ''}`, value: String(t.id) })),
        ],
        default: current?.type !== undefined ? String(current.type) : '',
      });
      if (picked || current?.type !== undefined) out.type = picked;
    }
  }
  if (!hasLocation(out)) {
    const where = current?.location && current.location !== 'inherit' ? { location: current.location.room } : {};
    Object.assign(out, await askLocation(p, ev, 'event', placeText(ev.event.location ?? {}), where));
  }
  out.colors ??= await askColors(ctx, p, ev, paletteIndex(current?.colors));
  return out;
}

export interface BlockDialogOptions extends LocationOptions {
  title?: string;
  start?: string;
  day?: string;
  duration?: number;
  code?: string;
  convener?: string[];
}

/** A session, picked from the event's (for commands given none). */
export async function pickSession(ctx: Ctx, ev: EventFile, message = 'Session'): Promise<string> {
  const p = await prompts(ctx, ['SESSION']);
  const sessions = sessionsOf(ev);
  if (!sessions.length)
    throw new UsageError('there are no sessions yet', 'SESSION', ['Add one with: eventctl session add']);
  return p.select({ message, choices: sessions.map((s) => ({ name: `#${s.id} ${s.title}`, value: String(s.id) })) });
}

/** People to pick (conveners, speakers), and anyone else typed as "First Last <email>". */
async function askPeople(p: Prompts, ev: EventFile, message: string): Promise<string[]> {
  const people = ev.people ?? [];
  const picked = people.length
    ? await p.checkbox({
        message,
        choices: people.map((x) => ({ name: `${personName(x)}${x.email ? ` <${x.email}>` : ''}`, value: x.id })),
        pageSize: 12,
      })
    : [];
  for (;;) {
    const more = (
      await p.input({ message: `Add someone else to ${message.toLowerCase()} ("First Last <email>", empty to go on)` })
    ).trim();
    if (!more) return picked;
    picked.push(more);
  }
}

/**
 * Session block (timetable form): Title, Start (the next free slot), Duration (60), Conveners,
 * Location, Program code.
 */
export async function blockDialog(
  ctx: Ctx,
  ev: EventFile,
  session: Session,
  opts: BlockDialogOptions,
): Promise<BlockDialogOptions> {
  const p = await prompts(ctx, ['SESSION']);
  const out: BlockDialogOptions = { ...opts };
  out.title ??= await p.input({ message: 'Title' });
  out.duration ??= await askMinutes(p, 'Duration', DEFAULT_BLOCK_DURATION);
  if (out.start === undefined) {
    const day = ev.event.start.slice(0, 10);
    let suggestion = `${day} 09:00`;
    try {
      suggestion = fromEpoch(findNextStart(ev, out.duration, { day }), ev.event.timezone);
    } catch {}
    out.start = await p.input({ message: 'Start time', default: suggestion, required: true });
  }
  out.convener ??= await askPeople(p, ev, 'Conveners');
  if (!hasLocation(out)) {
    const inherited =
      session.location && session.location !== 'inherit'
        ? placeText(session.location)
        : placeText(ev.event.location ?? {});
    Object.assign(out, await askLocation(p, ev, 'session', inherited, {}));
  }
  out.code ??= await p.input({ message: 'Program code' });
  return out;
}

export interface ContributionDialogOptions {
  duration?: number;
  /** false: --no-session */
  session?: string | false;
  speaker?: string[];
  author?: string[];
  board?: string;
  code?: string;
  description?: string;
  track?: string;
  type?: string;
}

/**
 * Contribution: Title, Session, Duration, Speakers, Authors, Board number (poster sessions), Program
 * code, then Track and Type where the event has any (Indico's contribution form).
 */
export async function contributionDialog(
  ctx: Ctx,
  ev: EventFile,
  title: string | undefined,
  opts: ContributionDialogOptions,
): Promise<{ title: string } & ContributionDialogOptions> {
  if (title !== undefined) return { title, ...opts };
  const p = await prompts(ctx, ['TITLE']);
  const out: ContributionDialogOptions = { ...opts };
  const name = (await p.input({ message: 'Title', required: true })).trim();
  if (out.session === undefined && sessionsOf(ev).length) {
    const s = await p.select({
      message: 'Session',
      choices: [
        { name: 'No session', value: '' },
        ...sessionsOf(ev).map((x) => ({ name: `#${x.id} ${x.title}`, value: String(x.id) })),
      ],
    });
    if (s) out.session = s;
  }
  const session = out.session ? sessionsOf(ev).find((s) => String(s.id) === out.session) : undefined;
  out.duration ??= await askMinutes(p, 'Duration', defaultContributionDuration(ev, session));
  out.speaker ??= await askPeople(p, ev, 'Speakers');
  // Indico's contribution form lists authors beside speakers: primary authors here (co-authors: --coauthor).
  out.author ??= await askPeople(p, { ...ev, people: ev.people ?? [] }, 'Authors');
  if (out.board === undefined && session && isPosterSession(ev, session))
    out.board = await p.input({ message: 'Board number' });
  out.code ??= await p.input({ message: 'Program code' });
  const pickFrom = async (message: string, items: { id: number; label: string }[]) => {
    const picked = await p.select({
      message,
      choices: [{ name: 'None', value: '' }, ...items.map((t) => ({ name: t.label, value: String(t.id) }))],
    });
    return picked || undefined;
  };
  if (out.track === undefined && ev.tracks?.length) {
    const track = await pickFrom(
      'Track',
      ev.tracks.map((t) => ({ id: t.id, label: t.title })),
    );
    if (track) out.track = track;
  }
  if (out.type === undefined && ev.contributionTypes?.length) {
    const type = await pickFrom(
      'Type',
      ev.contributionTypes.map((t) => ({ id: t.id, label: t.name })),
    );
    if (type) out.type = type;
  }
  return { title: name, ...out };
}

export interface BreakDialogOptions {
  start?: string;
  day?: string;
  duration?: number;
  /** false: --top-level */
  block?: string | false;
}

/** Break: Title, Start, Duration (20), where (top level or a block). */
export async function breakDialog(
  ctx: Ctx,
  ev: EventFile,
  title: string | undefined,
  opts: BreakDialogOptions,
): Promise<{ title: string } & BreakDialogOptions> {
  if (title !== undefined && opts.start !== undefined) return { title, ...opts };
  const p = await prompts(ctx, title === undefined ? ['TITLE', '--start'] : ['--start']);
  const out: BreakDialogOptions = { ...opts };
  const name = title ?? (await p.input({ message: 'Title', required: true, default: 'Coffee break' })).trim();
  if (out.block === undefined) {
    const blocks = sessionsOf(ev)
      .filter((s) => !isPosterSession(ev, s))
      .flatMap((s) =>
        (s.blocks ?? []).map((b) => ({
          name: `#${b.id} ${b.title ? `${s.title}: ${b.title}` : s.title} (${b.start})`,
          value: String(b.id),
        })),
      );
    const where = await p.select({ message: 'Where', choices: [{ name: 'Top level', value: '' }, ...blocks] });
    if (where) out.block = where;
  }
  out.start ??= await p.input({
    message: 'Start time',
    required: true,
    default: `${ev.event.start.slice(0, 10)} 10:30`,
  });
  out.duration ??= await askMinutes(p, 'Duration', DEFAULT_BREAK_DURATION, true);
  return { title: name, ...out };
}

/** Material: the files, then a folder (Indico's suggested names, none, or another) and a title. */
export async function materialDialog(
  ctx: Ctx,
  files: string[],
  opts: { folder?: string; title?: string },
): Promise<{ files: string[]; folder?: string; title?: string }> {
  if (files.length) return { files, ...opts };
  const p = await prompts(ctx, ['FILE']);
  const file = await p.input({
    message: 'File',
    required: true,
    validate: (v) => {
      const full = path.resolve(ctx.io.cwd, v.trim());
      if (!existsSync(full)) return 'There is no such file';
      return lstatSync(full).isFile() ? true : 'Give a file, not a folder or a link';
    },
  });
  let folder = opts.folder;
  if (folder === undefined) {
    const picked = await p.select({
      message: 'Folder',
      choices: [
        { name: '(no folder)', value: '' },
        ...SUGGESTED_FOLDERS.map((f) => ({ name: f, value: f })),
        { name: 'Another folder…', value: OTHER },
      ],
    });
    folder = picked === OTHER ? await p.input({ message: 'Folder name', required: true }) : picked || undefined;
  }
  const title = opts.title ?? ((await p.input({ message: 'Title', default: path.basename(file.trim()) })) || undefined);
  return { files: [file.trim()], ...(folder ? { folder } : {}), ...(title ? { title } : {}) };
}

/** Protection mode, with what each means. */
export async function protectionModeDialog(ctx: Ctx): Promise<'public' | 'inheriting' | 'protected'> {
  const p = await prompts(ctx, ['MODE']);
  return p.select({
    message: 'Protection mode',
    choices: [
      { name: 'Inheriting — the event decides who may see it', value: 'inheriting' as const },
      {
        name: 'Protected — only its managers and coordinators (and the event managers)',
        value: 'protected' as const,
      },
      { name: 'Public — everyone, even inside a protected event', value: 'public' as const },
    ],
  });
}

/** Add someone to the session's protection: their email and Manage or Coordination. */
export async function aclDialog(ctx: Ctx): Promise<{ emails: string[]; role: 'managers' | 'coordinators' }> {
  const p = await prompts(ctx, ['EMAIL']);
  const email = await p.input({
    message: 'Email',
    required: true,
    validate: (v) => (isEmail(v.trim()) ? true : 'Give an email address'),
  });
  const role = await p.select({
    message: 'Permission',
    choices: [
      { name: 'Manage — full management of the session', value: 'managers' as const },
      {
        name: "Coordination — the session's timetable, as the coordinator rights allow",
        value: 'coordinators' as const,
      },
    ],
  });
  return { emails: [email.trim()], role };
}

/** The two coordinator-rights toggles with Indico's titles and descriptions. */
export async function rightsDialog(ctx: Ctx, ev: EventFile): Promise<{ contributions: boolean; blocks: boolean }> {
  const p = await prompts(ctx, ['--contributions', '--blocks']);
  const now = coordinatorRights(ev);
  const contributions = await p.confirm({
    message: `${COORDINATOR_RIGHTS.contributions.title}: ${COORDINATOR_RIGHTS.contributions.description}`,
    default: now.contributions,
  });
  const blocks = await p.confirm({
    message: `${COORDINATOR_RIGHTS.blocks.title}: ${COORDINATOR_RIGHTS.blocks.description}`,
    default: now.blocks,
  });
  return { contributions, blocks };
}
