/** `track`: Indico's tracks, which contributions belong to (src/cli/catalog.ts). */
import type { Command } from '@commander-js/extra-typings';
import { registerCatalog } from '../catalog.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  registerCatalog(cmd, io, { kind: 'track', noun: 'track', label: 'title' });
}
