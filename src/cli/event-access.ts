/**
 * The event access of a program (context.ts EventAccess): a program built for a batch line reads
 * and writes the batch's transaction. Apart from context.ts so that main.ts, which every run
 * loads, takes nothing of the pipeline with it.
 */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Outcome } from '../domain/event.js';
import type { EventFile } from '../domain/schema.js';
import type { LoadedEvent } from '../pipeline/read.js';
import type { Committed, PlaceFiles, WriteContext } from '../pipeline/write.js';

/**
 * How a command reaches its event: the event as it reads it, and where its change goes. A single
 * command's change is a transaction of its own (pipeline/write.ts commit); in a batch, every line
 * reads the batch's transaction and adds its change to it. Either way a command reads, makes one
 * change and prints: it never knows which.
 */
export interface EventAccess {
  readonly inBatch: boolean;
  load(file: string): Promise<LoadedEvent>;
  update<T>(
    context: WriteContext,
    change: (event: EventFile) => Outcome<T>,
    place?: (outcome: Outcome<T>) => PlaceFiles,
  ): Promise<Committed<T>>;
  /** Runs `clean` when the write is over (a staged material copy must stay until it is placed). */
  whenWritten(clean: () => Promise<void>): Promise<void>;
}

/** The access of each program built for a batch (a program built for one command has none). */
export const programAccess = new WeakMap<CommandUnknownOpts, EventAccess>();
export const useAccess = (program: CommandUnknownOpts, access: EventAccess) => programAccess.set(program, access);
