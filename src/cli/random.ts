import { type Random, seededRandom } from '../domain/palette.js';

/** Random choices (colours) are seeded by EVENTCTL_SEED when set, so runs can be repeated. */
export function randomFor(env: NodeJS.ProcessEnv): Random {
  const seed = env.EVENTCTL_SEED;
  return seed !== undefined && seed !== '' ? seededRandom(Number.parseInt(seed, 10) || 0) : Math.random;
}
