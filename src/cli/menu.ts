/**
 * `eventctl` alone on a terminal: Indico's management area as a menu. Every action runs the same
 * command a script would (through `main`, so each change is written with the store's lock as it is
 * confirmed); back and quit everywhere.
 */

import { type EntryKind, scheduledEntries } from '../domain/entries.js';
import { sessionsOf } from '../domain/event.js';
import { eventDays } from '../domain/input.js';
import { localClock, localDate, weekday } from '../domain/time.js';
import { findEventFile, loadEvent } from '../pipeline/read.js';
import { scanArgs } from './argv.js';
import type { Io } from './io.js';

const BACK = '\u0000back';
const QUIT = '\u0000quit';

class Quit extends Error {}

export async function menu(
  io: Io,
  globals: string[],
  run: (args: string[], io: Io) => Promise<number>,
): Promise<number> {
  const { select, input } = await import('@inquirer/prompts');
  const given = scanArgs(globals).values;
  const file = findEventFile(given.get('--file'), io.env, io.cwd);
  const as = given.get('--as') ?? io.env.EVENTCTL_USER;
  const exec = async (...args: string[]) => {
    await run([...globals, ...args], { ...io, args: undefined });
  };
  const event = async () => (await loadEvent(file)).event;
  const pick = async (message: string, choices: { name: string; value: string }[], back = true): Promise<string> => {
    const value = await select<string>({
      message,
      choices: [...choices, ...(back ? [{ name: '← Back', value: BACK }] : []), { name: 'Quit', value: QUIT }],
      pageSize: 15,
    });
    if (value === QUIT) throw new Quit();
    return value;
  };

  const sessionActions = async (id: string) => {
    for (;;) {
      const ev = await event();
      const s = sessionsOf(ev).find((x) => String(x.id) === id);
      if (!s) return;
      const action = await pick(`#${s.id} ${s.title}`, [
        { name: 'Edit', value: 'edit' },
        { name: 'Protection', value: 'protection' },
        { name: 'Materials', value: 'materials' },
        { name: 'Blocks', value: 'blocks' },
        { name: 'Session timetable', value: 'timetable' },
        { name: 'Delete', value: 'delete' },
      ]);
      if (action === BACK) return;
      if (action === 'edit') await exec('session', 'edit', id);
      if (action === 'timetable') await exec('timetable', '--session', id);
      if (action === 'delete') {
        await exec('session', 'remove', id);
        if (!sessionsOf(await event()).some((x) => String(x.id) === id)) return;
      }
      if (action === 'protection') {
        const what = await pick('Protection', [
          { name: 'Show', value: 'show' },
          { name: 'Set the protection mode', value: 'mode' },
          { name: 'Add a person (Manage or Coordination)', value: 'add' },
        ]);
        if (what === 'show') await exec('protection', 'show', id);
        if (what === 'mode') await exec('protection', 'set', id);
        if (what === 'add') await exec('manager', 'add', id);
      }
      if (action === 'materials') {
        const what = await pick('Materials', [
          { name: 'List', value: 'list' },
          { name: 'Add a file', value: 'file' },
          { name: 'Add a link', value: 'link' },
        ]);
        if (what === 'list') await exec('material', 'list', id);
        if (what === 'file') await exec('material', 'add', id);
        if (what === 'link') {
          const url = await input({ message: 'URL', required: true });
          const title = await input({ message: 'Title', default: url });
          await exec('material', 'link', id, url, '--title', title);
        }
      }
      if (action === 'blocks') {
        const what = await pick('Blocks', [
          { name: 'List', value: 'list' },
          { name: 'Add a block', value: 'add' },
        ]);
        if (what === 'list') await exec('block', 'list', id);
        if (what === 'add') await exec('block', 'add', id);
      }
    }
  };

  /** A day's timetable, then Indico's tools on an entry picked from it: swap, shift later, move, clone. */
  const timetableActions = async (day: string) => {
    for (;;) {
      await exec('timetable', '--day', day);
      const ev = await event();
      const date = eventDays(ev)[Number(day) - 1];
      const zone = ev.event.timezone;
      const all = scheduledEntries(ev).sort((a, b) => a.start - b.start);
      // Top-level entries of the day in time order, each block followed by its entries.
      const entries = all
        .filter((e) => e.parent === undefined && localDate(e.start, zone) === date)
        .flatMap((e) => [e, ...(e.kind === 'block' ? all.filter((c) => c.parent === e.id) : [])]);
      const picked = await pick(
        'Pick an entry',
        entries.map((e) => ({
          name: `${e.parent === undefined ? '' : '  '}${localClock(e.start, zone)} ${e.kind} #${e.id} ${e.title}`,
          value: `${e.kind} ${e.id}`,
        })),
      );
      if (picked === BACK) return;
      const [kind, id] = picked.split(' ') as [EntryKind, string];
      const tool = await pick(`${kind} #${id}`, [
        { name: 'Swap with the entry before', value: 'up' },
        { name: 'Swap with the entry after', value: 'down' },
        { name: 'Change its duration and shift all later entries', value: 'shift' },
        ...(kind === 'block' ? [] : [{ name: 'Move to another block or the top level', value: 'move' }]),
        ...(kind === 'contribution' ? [{ name: 'Clone', value: 'clone' }] : []),
      ]);
      if (tool === 'up' || tool === 'down') await exec(kind, 'swap', id, `--${tool}`);
      if (tool === 'shift') {
        const duration = await input({ message: 'Duration (minutes)', required: true });
        await exec(kind, 'edit', id, '--duration', duration, '--shift-later');
      }
      if (tool === 'move') await exec(kind, 'move', id);
      if (tool === 'clone') await exec(kind, 'clone', id);
    }
  };

  try {
    for (;;) {
      const ev = await event();
      const top = await pick(
        `${ev.event.title} — ${ev.event.start.slice(0, 10)} to ${ev.event.end.slice(0, 10)}`,
        [
          { name: 'Sessions', value: 'sessions' },
          { name: 'Session types', value: 'types' },
          { name: 'Timetable', value: 'timetable' },
          { name: 'Place unscheduled contributions', value: 'place' },
          { name: 'Program codes', value: 'codes' },
          { name: 'Coordinator rights', value: 'rights' },
          { name: 'My sessions', value: 'mine' },
        ],
        false,
      );
      if (top === 'sessions') {
        for (;;) {
          const sessions = sessionsOf(await event());
          const s = await pick('Sessions', [
            ...sessions.map((x) => ({
              name: `#${x.id} ${x.title}${x.code ? ` [${x.code}]` : ''}`,
              value: String(x.id),
            })),
            { name: '+ Add new session', value: 'add' },
          ]);
          if (s === BACK) break;
          if (s === 'add') await exec('session', 'add');
          else await sessionActions(s);
        }
      }
      if (top === 'types') {
        await exec('session-type', 'list');
        const what = await pick('Session types', [{ name: '+ New session type', value: 'add' }]);
        if (what === 'add') await exec('session-type', 'add');
      }
      if (top === 'timetable') {
        const days = eventDays(ev);
        const day = await pick(
          'Timetable of',
          days.map((d, i) => ({ name: `${weekday(d)} ${d}`, value: String(i + 1) })),
        );
        if (day !== BACK) await timetableActions(day);
      }
      if (top === 'place') {
        // The plan first (a dry run), then written only when confirmed.
        await exec('place', '--dry-run', '--partial');
        const go = await pick('Place them so?', [{ name: 'Yes, write this plan', value: 'yes' }]);
        if (go === 'yes') await exec('place', '--partial');
      }
      if (top === 'codes') {
        await exec('codes', 'show');
        const kind = await pick('Assign program codes to', [
          { name: 'Sessions', value: 'sessions' },
          { name: 'Session blocks', value: 'blocks' },
          { name: 'Contributions', value: 'contributions' },
        ]);
        if (kind !== BACK) await exec('codes', 'assign', kind);
      }
      if (top === 'rights') {
        await exec('rights', 'show');
        const what = await pick('Coordinator rights', [{ name: 'Change them', value: 'set' }]);
        if (what === 'set') await exec('rights', 'set');
      }
      if (top === 'mine') {
        const who = as ?? (await input({ message: 'Your email', required: true }));
        await exec('--as', who, 'my-sessions');
      }
    }
  } catch (e) {
    if (e instanceof Quit) return 0;
    throw e;
  }
}
