/**
 * The command grammar (CONTRACT §2): global options and the nouns. A noun's module (and with it the
 * domain, the store and their libraries) is imported only when that noun is run, so `--help` and
 * each command load no more than they need.
 */
import { readFileSync } from 'node:fs';
import { Command, type CommandUnknownOpts, Option } from '@commander-js/extra-typings';
import { must } from '../domain/must.js';
import { scanArgs } from './argv.js';
import type { Io } from './io.js';
import { email, seconds } from './values.js';

export interface NounModule {
  register(command: CommandUnknownOpts, io: Io): void;
}

interface Noun {
  name: string;
  aliases?: string[];
  summary: string;
  load: () => Promise<NounModule>;
}

export const NOUNS: Noun[] = [
  { name: 'init', summary: 'create a new event file', load: () => import('./commands/init.js') },
  { name: 'event', summary: 'show or edit the event', load: () => import('./commands/event.js') },
  {
    name: 'validate',
    summary: "check the file: schema, Indico's rules, material files, conflicts",
    load: () => import('./commands/validate.js'),
  },
  { name: 'schema', summary: 'print the JSON Schema of the event file', load: () => import('./commands/schema.js') },
  { name: 'room', summary: 'rooms sessions and blocks can use', load: () => import('./commands/room.js') },
  { name: 'person', summary: 'conveners, speakers and coordinators', load: () => import('./commands/person.js') },
  {
    name: 'session-type',
    aliases: ['type'],
    summary: 'session types (with the poster flag)',
    load: () => import('./commands/session-type.js'),
  },
  {
    name: 'track',
    summary: "tracks (Indico's), which contributions belong to",
    load: () => import('./commands/track.js'),
  },
  {
    name: 'contribution-type',
    summary: 'contribution types (Talk, Poster, …)',
    load: () => import('./commands/contribution-type.js'),
  },
  { name: 'session', summary: 'sessions: list, show, add, edit, remove', load: () => import('./commands/session.js') },
  { name: 'block', summary: 'session blocks in the timetable', load: () => import('./commands/block.js') },
  { name: 'convener', summary: 'conveners of a block', load: () => import('./commands/convener.js') },
  {
    name: 'contribution',
    summary: 'contributions: add, schedule, swap, move, clone',
    load: () => import('./commands/contribution.js'),
  },
  { name: 'break', summary: 'breaks at top level or inside blocks', load: () => import('./commands/break.js') },
  {
    name: 'place',
    summary: "put the sessions' unscheduled contributions in their blocks, clash-free (an integer program)",
    load: () => import('./commands/place.js'),
  },
  {
    name: 'reschedule',
    summary: "Indico's reschedule: lay entries end to end or stretch them",
    load: () => import('./commands/reschedule.js'),
  },
  { name: 'codes', summary: "Indico's program codes from templates", load: () => import('./commands/codes.js') },
  { name: 'material', summary: "a session's material: files and links", load: () => import('./commands/material.js') },
  {
    name: 'manager',
    summary: "a session's managers (Manage), or --event the event's",
    load: () => import('./commands/manager.js'),
  },
  {
    name: 'coordinator',
    summary: "a session's coordinators (Coordination)",
    load: () => import('./commands/coordinator.js'),
  },
  {
    name: 'access',
    summary: "who may see a protected session (Indico's Access); --event for the event's access list",
    load: () => import('./commands/access.js'),
  },
  {
    name: 'protection',
    summary: 'the protection mode of a session or (--event) the event',
    load: () => import('./commands/protection.js'),
  },
  {
    name: 'rights',
    summary: "the coordinator rights (Indico's two toggles)",
    load: () => import('./commands/rights.js'),
  },
  {
    name: 'my-sessions',
    summary: 'the sessions --as manages or coordinates',
    load: () => import('./commands/my-sessions.js'),
  },
  {
    name: 'check-change',
    summary: 'may --as make every change since BEFORE (a file or git:REV)?',
    load: () => import('./commands/check-change.js'),
  },
  {
    name: 'batch',
    summary: 'run commands, one per line, as one transaction (all or nothing)',
    load: () => import('./commands/batch.js'),
  },
  {
    name: 'completion',
    summary: 'a shell completion script (bash, zsh, fish)',
    load: () => import('./commands/completion.js'),
  },
  {
    name: 'serve',
    summary: 'the timetable page, live while the file changes',
    load: () => import('./commands/serve.js'),
  },
  { name: 'log', summary: 'the change log of the event file', load: () => import('./commands/log.js') },
  {
    name: 'undo',
    summary: 'restore the file as it was before the last eventctl write',
    load: () => import('./commands/undo.js'),
  },
  {
    name: 'export',
    summary: 'the programme as ics, frab-json, frab-xml, indico-json, csv or html',
    load: () => import('./commands/export.js'),
  },
  {
    name: 'import',
    summary: "a new event file from Indico's JSON or a frab schedule.json",
    load: () => import('./commands/import.js'),
  },
  {
    name: 'timetable',
    summary: 'the timetable in the terminal (grid, list, table)',
    load: () => import('./commands/timetable.js'),
  },
];

/** Options that take a value, so the noun can be found among the arguments. */

export function findNoun(args: string[]): Noun | undefined {
  const { noun } = scanArgs(args);
  return noun === undefined ? undefined : NOUNS.find((n) => n.name === noun || n.aliases?.includes(noun));
}

/** The version of the installed package (package.json sits two folders up from src/cli and dist/*). */
let version: string | undefined;

export function packageVersion(): string {
  version ??= readVersion();
  return version;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createRoot(io: Io): CommandUnknownOpts {
  const program = new Command('eventctl')
    .description("Indico's sessions and timetable, for an event file you keep in git.")
    .version(packageVersion(), '-V, --version')
    .option('-f, --file <path>', 'the event file (default: $EVENTCTL_FILE, ./event.yaml, ./event.yml, ./event.json)')
    .option('--as <email>', 'act as this person; their rights are enforced (default: $EVENTCTL_USER)', email)
    .option('--json', 'machine output: one JSON document on stdout')
    .option('--no-input', 'never prompt; missing values are usage errors (implied without a terminal or with CI)')
    .option('--dry-run', 'do everything but write; print what would change')
    .option('-y, --yes', 'no confirmation for destructive commands')
    .option(
      '--wait <seconds>',
      'how long a write waits for another writer (default: $EVENTCTL_LOCK_WAIT or 60)',
      seconds,
    )
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--plain', 'tables as tab-separated lines (a header, then a row per line), for scripts')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      `
Examples:
  $ eventctl -f fixtures/demo-conference.yaml timetable
  $ eventctl session add "Plenary" --type Plenary --duration 30
  $ eventctl block add "Plenary" --start "2026-06-08 09:00" --duration 90
  $ eventctl validate --format github
  $ eventctl --as carol@example.org check-change git:origin/main
  $ eventctl export html --output timetable.html
  $ eventctl                     # on a terminal: the management menu`,
    );
  for (const noun of NOUNS) {
    const cmd = program.command(noun.name).description(noun.summary);
    for (const alias of noun.aliases ?? []) cmd.alias(alias);
  }
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/** Builds the program with the noun of `args` loaded (or none, for top-level help). */
export async function buildProgram(io: Io, args: string[]): Promise<CommandUnknownOpts> {
  const program = createRoot(io);
  const noun = findNoun(args);
  if (noun) await registerNoun(program, noun, io);
  applyRecursively(program, (c) =>
    c
      .exitOverride()
      // Commander's own error line is not printed: main.ts says it as eventctl says every error,
      // and learns here which command's help to point at.
      .configureOutput({
        writeOut: io.stdout,
        writeErr: io.stderr,
        outputError: () => {
          lastUsage = `eventctl ${commandPath(c)}--help`;
        },
      })
      // Every command's help lists the global options (-f, --json, --dry-run, -y, --as, …).
      .configureHelp({ ...c.configureHelp(), showGlobalOptions: true }),
  );
  return program;
}

let lastUsage: string | undefined;

/** The help command for the last usage error commander raised (`eventctl session add --help`). */
export const usageOfLastError = (): string => lastUsage ?? 'eventctl --help';

async function registerNoun(program: CommandUnknownOpts, noun: Noun, io: Io): Promise<void> {
  const mod = await noun.load();
  const cmd = must(program.commands.find((c) => c.name() === noun.name));
  mod.register(cmd, io);
}

/** The program with every noun's commands (the command reference and shell completion walk it). */
export async function buildFullProgram(io: Io): Promise<CommandUnknownOpts> {
  const program = createRoot(io);
  for (const noun of NOUNS) await registerNoun(program, noun, io);
  return program;
}

/** `session add ` for the command `add` of `session` (empty for the program itself). */
function commandPath(c: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let at: CommandUnknownOpts | null = c; at?.parent; at = at.parent) names.unshift(at.name());
  return names.length ? `${names.join(' ')} ` : '';
}

function applyRecursively(cmd: CommandUnknownOpts, fn: (c: CommandUnknownOpts) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub, fn);
}

export { Option };
