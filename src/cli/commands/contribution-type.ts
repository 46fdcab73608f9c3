/** `contribution-type`: Indico's contribution types (Talk, Poster, …) (src/cli/catalog.ts). */
import type { Command } from '@commander-js/extra-typings';
import { registerCatalog } from '../catalog.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  registerCatalog(cmd, io, { kind: 'contributionType', noun: 'contribution type', label: 'name' });
}
