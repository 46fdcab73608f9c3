/**
 * The readers a text may need, each loaded where it is needed and awaited there: js-yaml (a YAML
 * text the cache does not know), the `yaml` library's Document (aliases, an error to place, a
 * position past the line scan) and zod's check (what the generated check is not sure of).
 * Building zod's schemas costs a small read more than all its other work: a valid file never
 * needs it.
 */
import type { Parsed } from '../text.js';
import type { ZodCheck } from './conform-zod.js';

export type { ZodCheck };

export type DocumentReader = (text: string, file: string) => Parsed;

let documentReader: DocumentReader | undefined;

export const jsYaml = async (): Promise<(text: string) => unknown> => (await import('./read-js-yaml.js')).loadYaml;

export async function yamlDocument(): Promise<DocumentReader> {
  documentReader ??= (await import('./read-document.js')).parseYaml;
  return documentReader;
}

/** The Document reader if this run has loaded it: a position asked for later may use it. */
export const loadedDocument = (): DocumentReader | undefined => documentReader;

export const zod = async (): Promise<ZodCheck> => (await import('./conform-zod.js')).zodCheck;
