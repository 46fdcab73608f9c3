/** `my-sessions`: Indico's "My sessions" for the acting person (§4.4). */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { type Capabilities, mySessions } from '../../domain/rights.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description('sessions where --as is directly a manager or coordinator, and what they may do')
    .action(action(io, show));
}

const CAN: [keyof Capabilities, string][] = [
  ['editSession', 'edit session'],
  ['manageBlocks', 'blocks'],
  ['manageContributions', 'contributions'],
  ['schedule', 'schedule'],
  ['breaks', 'breaks'],
  ['materials', 'material'],
];

export async function show(ctx: Ctx): Promise<void> {
  const who = ctx.actor;
  if (!who) throw new UsageError('whose sessions? give --as EMAIL (or set EVENTCTL_USER)', '--as');
  const { event } = await ctx.load();
  const mine = mySessions(event, who);
  if (ctx.json) {
    return ctx.printJson(
      mine.map((m) => ({
        session: m.session.id,
        title: m.session.title,
        code: m.session.code ?? '',
        role: m.role,
        can: m.can,
      })),
    );
  }
  if (!mine.length) return ctx.out("You don't have any sessions at the moment.");
  ctx.out(
    await ctx.table(
      ['ID', 'Title', 'Role', 'May'],
      mine.map((m) => [
        `#${m.session.id}`,
        m.session.title,
        m.role,
        CAN.filter(([k]) => m.can[k])
          .map(([, name]) => name)
          .join(', '),
      ]),
    ),
  );
}
