/**
 * Changes as one write: one lock, one read, each change vetted as it is applied (against the event
 * the changes before it left), one atomic write, one log entry, one undo. The first change that is
 * refused ends the transaction and nothing is written. A single command is a transaction of one
 * change (write.ts `commit`); a batch, of one change per line.
 */
import type { Finding } from '../domain/checks.js';
import { changeSummary } from '../domain/diff.js';
import type { Outcome } from '../domain/event.js';
import { checkRules, type Problem } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';
import { checkedEvent, keptBeside } from '../store/read/load.js';
import { encodeAs, type LoadedEvent } from '../store/text.js';
import { render } from '../store/write/rewrite.js';
import { type Held, hold, type PlaceFiles, persist, type WriteContext } from './transaction.js';
import { vet } from './vet.js';

/** What one change came to: its outcome, the event before it, whether it was written, its warnings. */
export interface Committed<T> {
  outcome: Outcome<T>;
  before: LoadedEvent;
  /** false in a dry run and when the change left the file as it was */
  written: boolean;
  /** conflict-check warnings the change created */
  warnings: Finding[];
  /** stored files that cleaning up could not remove */
  leftOver: string[];
}

export class Transaction {
  /** the event as the changes so far left it */
  event: EventFile;
  readonly warnings: Finding[] = [];
  /** Log lines the changes give in Indico's words (Outcome.log), in order. */
  readonly log: string[] = [];
  /** the new stored files of the changes so far (material add), put in place with the write */
  private readonly places: PlaceFiles[] = [];
  /** Clean-ups a command leaves for the end of the transaction (staged material copies). */
  readonly atEnd: (() => Promise<void>)[] = [];

  constructor(
    private readonly ctx: WriteContext,
    private readonly held: Held,
    /** the file as it was read under the lock */
    readonly loaded: LoadedEvent,
  ) {
    this.event = loaded.event;
  }

  /**
   * The rule problems of `event`, when known: none once a change passed them; for the file as read,
   * those kept beside its cache entry (computed by the first write of this text; not without a cache).
   */
  private known: readonly Problem[] | undefined;

  private async rules(): Promise<readonly Problem[] | undefined> {
    if (this.known || !this.held.current) return this.known;
    const { event } = this.loaded;
    const kept = await keptBeside(this.held.current.text, this.ctx.file)?.('rules', async () => checkRules(event));
    this.known = Array.isArray(kept) ? kept : undefined;
    return this.known;
  }

  /** The event as a command in the transaction reads it: the changes so far. */
  view(): LoadedEvent {
    return { ...this.loaded, event: this.event };
  }

  /** One change, vetted against the event as it is now in the transaction; written at the end. */
  async apply<T>(
    change: (event: EventFile) => Outcome<T>,
    place?: (outcome: Outcome<T>) => PlaceFiles,
  ): Promise<Committed<T>> {
    const before = this.event;
    const outcome = change(before);
    const pending = outcome.event !== before;
    const { actor } = this.ctx;
    const warnings = pending
      ? await vet(actor, this.held.shown, before, outcome.event, {
          eventManagement: outcome.eventManagement,
          known: await this.rules(),
        })
      : [];
    if (pending) {
      // It passed Indico's rules: it breaks none of them.
      this.known = [];
      this.event = outcome.event;
      this.log.push(...(outcome.log ?? []));
      this.warnings.push(...warnings);
      if (place) this.places.push(place(outcome));
    }
    return { outcome, before: { ...this.loaded, event: before }, written: pending, warnings, leftOver: [] };
  }

  /** The new files of every change, put in place together (and taken back together). */
  readonly placeAll: PlaceFiles = async () => {
    const undo: (() => Promise<void>)[] = [];
    try {
      for (const place of this.places) undo.push(await place());
    } catch (err) {
      for (const u of undo.reverse()) await u().catch(() => {});
      throw err;
    }
    return async () => {
      for (const u of undo.reverse()) await u().catch(() => {});
    };
  };
}

export interface BatchResult<R> {
  result: R;
  written: boolean;
  warnings: Finding[];
  leftOver: string[];
}

/**
 * Runs `body` with a transaction on the event under its lock, then writes what the transaction
 * changed as one write (nothing in a dry run, nothing if `body` throws). The log entry of a batch
 * lists `lines`, the commands it ran.
 */
export function transaction<R>(
  ctx: WriteContext,
  body: (tx: Transaction) => Promise<R>,
  lines?: () => string[],
): Promise<BatchResult<R>> {
  return hold(ctx, async (held) => {
    const loaded = await checkedEvent(held.current?.text ?? '', ctx.file);
    const tx = new Transaction(ctx, held, loaded);
    try {
      return await runTransaction(ctx, held, tx, body, lines);
    } finally {
      for (const end of tx.atEnd) await end().catch(() => {});
    }
  });
}

/** The body, then one write of what it changed (nothing in a dry run, nothing if it throws). */
async function runTransaction<R>(
  ctx: WriteContext,
  held: Held,
  tx: Transaction,
  body: (tx: Transaction) => Promise<R>,
  lines: (() => string[]) | undefined,
): Promise<BatchResult<R>> {
  const { loaded } = tx;
  const result = await body(tx);
  const done = { result, written: false, warnings: tx.warnings, leftOver: [] };
  if (tx.event === loaded.event || ctx.dryRun) return done;
  const text = await render(loaded, tx.event);
  if (text === loaded.parsed.text) return done;
  const summary = [...tx.log, ...changeSummary(loaded.event, tx.event)];
  const entry = { kind: 'write' as const, summary, ...(lines ? { lines: lines() } : {}) };
  const leftOver = await persist(ctx, held, encodeAs(text, loaded.parsed.encoding), entry, {
    before: loaded.event,
    after: tx.event,
    place: tx.placeAll,
  });
  return { ...done, written: true, leftOver };
}
