/**
 * `completion bash|zsh|fish`: a completion script generated from the program's own command tree
 * (nouns, verbs, options), which asks `eventctl completion --values KIND` for the sessions,
 * blocks, contributions and people of the event file where an argument takes one.
 */
import { Argument, type Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { sessionsOf } from '../../domain/event.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { buildFullProgram } from '../program.js';

const KINDS = ['sessions', 'blocks', 'contributions', 'people'] as const;
type Kind = (typeof KINDS)[number];

/** What a noun's arguments name, for completing them from the event file. */
const ARGUMENT_KIND: Record<string, Kind> = {
  session: 'sessions',
  material: 'sessions',
  manager: 'sessions',
  coordinator: 'sessions',
  protection: 'sessions',
  block: 'blocks',
  convener: 'blocks',
  contribution: 'contributions',
  person: 'people',
};
/** Options whose value is a session, block or person. */
const OPTION_KIND: Record<string, Kind> = {
  '--session': 'sessions',
  '--block': 'blocks',
  '--speaker': 'people',
  '--convener': 'people',
};

export function register(cmd: Command, io: Io): void {
  cmd
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('[shell]').choices(['bash', 'zsh', 'fish']))
    .option('--values <kind>', `print the ${KINDS.join(', ')} of the event file, one per line (used by the scripts)`)
    .addHelpText(
      'after',
      `
Install:
  bash: eventctl completion bash > ~/.local/share/bash-completion/completions/eventctl
  zsh:  eventctl completion zsh > "\${fpath[1]}/_eventctl"
  fish: eventctl completion fish > ~/.config/fish/completions/eventctl.fish`,
    )
    .action(action(io, completion));
}

export async function completion(ctx: Ctx, shell: 'bash' | 'zsh' | 'fish' | undefined, opts: { values?: string }) {
  if (opts.values !== undefined) return printValues(ctx, opts.values);
  const tree = await commandTree();
  if (shell === 'fish') return ctx.io.stdout(fishScript(tree));
  const bash = bashScript(tree);
  ctx.io.stdout(shell === 'zsh' ? `#compdef eventctl\nautoload -U +X bashcompinit && bashcompinit\n${bash}` : bash);
}

/** Names a person can type for each object: ids, codes, person ids (nothing when there is no file). */
async function printValues(ctx: Ctx, kind: string): Promise<void> {
  let values: string[] = [];
  try {
    const { event } = await ctx.load();
    if (kind === 'sessions') values = sessionsOf(event).flatMap((s) => [String(s.id), ...(s.code ? [s.code] : [])]);
    if (kind === 'blocks') values = sessionsOf(event).flatMap((s) => (s.blocks ?? []).map((b) => String(b.id)));
    if (kind === 'contributions') values = (event.contributions ?? []).map((c) => String(c.id));
    if (kind === 'people') values = (event.people ?? []).map((p) => p.id);
  } catch {
    values = [];
  }
  if (values.length) ctx.io.stdout(`${values.join('\n')}\n`);
}

interface Verb {
  name: string;
  options: string[];
  /** options whose value is one of a few words (`--view grid|list|table`) */
  choices: Record<string, string[]>;
  /** what its first argument names, to complete from the event file */
  kind: Kind | '';
}

interface Tree {
  globals: string[];
  nouns: (Verb & {
    aliases: string[];
    verbs: Verb[] /** a noun without verbs: its argument's words */;
    words: string[];
  })[];
}

const longFlags = (cmd: CommandUnknownOpts) => cmd.options.flatMap((o) => (o.long ? [o.long] : []));
const choicesOf = (cmd: CommandUnknownOpts) =>
  Object.fromEntries(cmd.options.flatMap((o) => (o.long && o.argChoices ? [[o.long, o.argChoices]] : [])));

/**
 * What a command's first argument names (`<session>`, `<block>`…); an argument named otherwise
 * (`<ref>`) names the noun's usual kind; a title or no argument, nothing.
 */
function kindOf(cmd: CommandUnknownOpts, noun: string): Kind | '' {
  const first = (cmd as unknown as { registeredArguments: Argument[] }).registeredArguments[0]?.name();
  if (first === undefined || /^(title|name|file|source|format|shell|before|mode)/.test(first)) return '';
  const named = (['session', 'block', 'contribution', 'person'] as const).find((k) => first.startsWith(k));
  if (named) return named === 'person' ? 'people' : `${named}s`;
  return ARGUMENT_KIND[noun] ?? '';
}

async function commandTree(): Promise<Tree> {
  const quiet = { stdout: () => {}, stderr: () => {}, env: {}, cwd: '/', stdinIsTTY: false, stdoutIsTTY: false };
  const program = await buildFullProgram(quiet);
  return {
    globals: longFlags(program),
    nouns: program.commands
      .filter((c) => c.name() !== 'help')
      .map((noun) => {
        const args = (noun as unknown as { registeredArguments: Argument[] }).registeredArguments;
        return {
          name: noun.name(),
          aliases: noun.aliases(),
          options: longFlags(noun),
          choices: choicesOf(noun),
          kind: noun.commands.length ? '' : kindOf(noun, noun.name()),
          words: noun.commands.length ? [] : (args[0]?.argChoices ?? []),
          verbs: noun.commands
            .filter((v) => v.name() !== 'help')
            .map((v) => ({
              name: v.name(),
              options: longFlags(v),
              choices: choicesOf(v),
              kind: kindOf(v, noun.name()),
            })),
        };
      }),
  };
}

function bashScript(tree: Tree): string {
  const cases = tree.nouns
    .map((n) => {
      const verbs = n.verbs
        .map((v) => `        ${v.name}) opts="${v.options.join(' ')}"; kind="${v.kind}" ;;`)
        .join('\n');
      // A noun without verbs offers its argument's words (export's formats) where verbs would be.
      const names = n.verbs.length ? n.verbs.map((v) => v.name).join(' ') : n.words.join(' ');
      return `      ${[n.name, ...n.aliases].join('|')})
        verbs="${names}"; opts="${n.options.join(' ')}"; kind="${n.kind}"
        case "$verb" in
${verbs}
        esac ;;`;
    })
    .join('\n');
  // Options with a few words for a value, per command: "noun verb:option".
  const choiceCases = tree.nouns
    .flatMap((n) => {
      const names = [n.name, ...n.aliases];
      const own = Object.entries(n.choices).flatMap(([o, words]) =>
        names.map(
          (name) => `    "${name} "*":${o}") COMPREPLY=($(compgen -W "${words.join(' ')}" -- "$cur")); return ;;`,
        ),
      );
      const verbs = n.verbs.flatMap((v) =>
        Object.entries(v.choices).flatMap(([o, words]) =>
          names.map(
            (name) =>
              `    "${name} ${v.name}:${o}") COMPREPLY=($(compgen -W "${words.join(' ')}" -- "$cur")); return ;;`,
          ),
        ),
      );
      return [...verbs, ...own];
    })
    .join('\n');
  const optionKinds = Object.entries(OPTION_KIND)
    .map(([o, k]) => `    ${o}) COMPREPLY=($(compgen -W "$(_eventctl_values ${k})" -- "$cur")); return ;;`)
    .join('\n');
  return `# eventctl completion for bash (generated by: eventctl completion bash)
_eventctl_values() {
  local file=() i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -f|--file) file=(-f "\${COMP_WORDS[i+1]}") ;; esac
  done
  eventctl "\${file[@]}" --no-input completion --values "$1" 2>/dev/null
}
_eventctl() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local noun="" verb="" i w verbs="" opts="" kind=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in -f|--file|--as|--wait) ((i++)); continue ;; -*) continue ;; esac
    if [[ -z "$noun" ]]; then noun="$w"; elif [[ -z "$verb" ]]; then verb="$w"; fi
  done
  case "$prev" in
    -f|--file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
${optionKinds}
  esac
  case "$noun $verb:$prev" in
${choiceCases}
  esac
  if [[ -z "$noun" ]]; then
    COMPREPLY=($(compgen -W "${tree.nouns.map((n) => n.name).join(' ')} ${tree.globals.join(' ')}" -- "$cur")); return
  fi
  case "$noun" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts ${tree.globals.join(' ')}" -- "$cur")); return; fi
  if [[ -z "$verb" && -n "$verbs" ]]; then COMPREPLY=($(compgen -W "$verbs" -- "$cur")); return; fi
  if [[ -n "$kind" ]]; then COMPREPLY=($(compgen -W "$(_eventctl_values $kind)" -- "$cur")); return; fi
  # A file only where a command takes one (import's source, batch's lines, material's files).
  case "$noun $verb" in
    "import "*|"batch "*|"material add"|"check-change "*|"init "*) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _eventctl eventctl
`;
}

function fishScript(tree: Tree): string {
  const lines = [
    '# eventctl completion for fish (generated by: eventctl completion fish)',
    'complete -c eventctl -f',
    'function __eventctl_values; eventctl --no-input completion --values $argv[1] 2>/dev/null; end',
    ...tree.globals.map((g) => `complete -c eventctl -l ${g.slice(2)}`),
    ...tree.nouns.map((n) => `complete -c eventctl -n __fish_use_subcommand -a ${n.name}`),
  ];
  for (const n of tree.nouns) {
    for (const alias of n.aliases) lines.push(`complete -c eventctl -n __fish_use_subcommand -a ${alias}`);
    const inNoun = `__fish_seen_subcommand_from ${[n.name, ...n.aliases].join(' ')}`;
    for (const v of n.verbs) lines.push(`complete -c eventctl -n '${inNoun}' -a ${v.name}`);
    if (n.words.length) lines.push(`complete -c eventctl -n '${inNoun}' -a '${n.words.join(' ')}'`);
    for (const o of n.options) {
      const words = n.choices[o];
      lines.push(`complete -c eventctl -n '${inNoun}' -l ${o.slice(2)}${words ? ` -x -a '${words.join(' ')}'` : ''}`);
    }
    for (const v of n.verbs) {
      const inVerb = `${inNoun}; and __fish_seen_subcommand_from ${v.name}`;
      for (const o of v.options) {
        const words = v.choices[o];
        lines.push(`complete -c eventctl -n '${inVerb}' -l ${o.slice(2)}${words ? ` -x -a '${words.join(' ')}'` : ''}`);
      }
      if (v.kind) lines.push(`complete -c eventctl -n '${inVerb}' -a '(__eventctl_values ${v.kind})'`);
    }
    if (n.kind) lines.push(`complete -c eventctl -n '${inNoun}' -a '(__eventctl_values ${n.kind})'`);
  }
  for (const [o, k] of Object.entries(OPTION_KIND))
    lines.push(`complete -c eventctl -l ${o.slice(2)} -x -a '(__eventctl_values ${k})'`);
  return `${lines.join('\n')}\n`;
}
