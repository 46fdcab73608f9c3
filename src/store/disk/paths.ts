/**
 * Where eventctl may write: the event file itself (by the path the user gave), and beside it only
 * two folders of its own, `<stem>.materials/` (stored material files) and `.eventctl/<file name>/`
 * (change log, kept versions, export state). Every other path it writes, copies to or deletes is
 * checked here first, with symbolic links followed: a link in a checkout that points elsewhere
 * (`ev.materials/6 -> /elsewhere`) is refused, and nothing is touched.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { FileError } from '../../domain/errors.js';

export type Area = 'materials' | 'history';

/** The endings of an event file. */
export const EVENT_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** `chep2026.yaml` → `chep2026.materials` (relative to the event file's folder). */
export function materialsDirName(eventFile: string): string {
  return `${path.basename(eventFile).replace(/\.[^.]+$/, '')}.materials`;
}

/** `.eventctl/<file name>` beside the event file: the change log, kept versions, export state. */
export const historyDir = (file: string) => path.join(path.dirname(file), '.eventctl', path.basename(file));

/** The real path of `p`: its nearest existing ancestor resolved, the rest appended as written. */
export function resolveReal(p: string): string {
  const rest: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(p);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** The root of an area as it must be: in the event file's (real) folder, under its own name. */
export function areaRoot(eventFile: string, area: Area): string {
  const dir = resolveReal(path.dirname(path.resolve(eventFile)));
  return area === 'materials'
    ? path.join(dir, materialsDirName(eventFile))
    : path.join(dir, '.eventctl', path.basename(eventFile));
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);

/** Whether `p`, links followed, lies in the area (the root itself included). */
export function isConfined(eventFile: string, p: string, area: Area): boolean {
  return inside(areaRoot(eventFile, area), resolveReal(p));
}

/**
 * Refuses (exit 3) a path that, links followed, leaves its area; returns the path to use. Call it
 * right before creating, writing, linking or deleting anything beside the event.
 */
export function confine(eventFile: string, p: string, area: Area): string {
  if (isConfined(eventFile, p, area)) return p;
  const real = resolveReal(p);
  const where = area === 'materials' ? `${materialsDirName(eventFile)}/` : `.eventctl/${path.basename(eventFile)}/`;
  throw new FileError(`refusing to touch ${p}: it leads outside ${where} (to ${real})`, p, [
    'A symbolic link there points elsewhere; remove it. Nothing was changed.',
  ]);
}

/**
 * Whether an output file would land on the event itself or in its own folders (an export must
 * never write over them).
 */
export function isEventOwned(eventFile: string, p: string): boolean {
  const real = resolveReal(p);
  if (real === resolveReal(eventFile) || real === `${resolveReal(eventFile)}.lock`) return true;
  return isConfined(eventFile, p, 'materials') || inside(path.dirname(areaRoot(eventFile, 'history')), real);
}
