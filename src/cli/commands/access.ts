/** `access`: a session's "Access" list (who may see it when protected); shares its commands with `manager`. */
import type { Command } from '@commander-js/extra-typings';
import type { Io } from '../io.js';
import { registerAcl } from './manager.js';

export function register(cmd: Command, io: Io): void {
  registerAcl(cmd, io, 'access');
}
