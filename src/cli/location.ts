import type { Command, OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../domain/errors.js';
import { roomPlace } from '../domain/rooms.js';
import type { EventFile, Location, Place } from '../domain/schema.js';

export interface LocationOptions {
  location?: string;
  inheritLocation?: boolean;
  venue?: string;
  room?: string;
  address?: string;
}

export function addLocationOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
  parent: string,
  adding = true,
) {
  return cmd
    .option('--location <room>', 'a room from `eventctl room list`')
    .option('--inherit-location', `inherit the location from the ${parent}${adding ? ' (the default)' : ''}`)
    .option('--venue <venue>', 'free-text venue')
    .option('--room <room>', 'free-text room')
    .option('--address <address>', 'free-text address');
}

/** The location the options ask for, or undefined when they say nothing. */
export function locationFrom(ev: EventFile, opts: LocationOptions): Location | undefined {
  const free = opts.venue !== undefined || opts.room !== undefined || opts.address !== undefined;
  const given = [opts.location !== undefined, opts.inheritLocation === true, free].filter(Boolean).length;
  if (given > 1) {
    throw new UsageError('give one of --location, --inherit-location, or --venue/--room/--address', '--location');
  }
  if (opts.inheritLocation) return 'inherit';
  if (opts.location !== undefined) {
    const place = roomPlace(ev, opts.location);
    if (opts.address) place.address = opts.address;
    return place;
  }
  if (free) {
    const place: Place = {};
    if (opts.venue) place.venue = opts.venue;
    if (opts.room) place.room = opts.room;
    if (opts.address) place.address = opts.address;
    return place;
  }
  return undefined;
}
