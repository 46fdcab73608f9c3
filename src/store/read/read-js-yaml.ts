/**
 * js-yaml with YAML 1.2's core schema (what the `yaml` library reads by default): parse.ts's
 * reader for YAML, loaded when a text is read that the cache does not know (modules.ts).
 */
import { CORE_SCHEMA, load } from 'js-yaml';

export const loadYaml = (text: string): unknown => load(text, { schema: CORE_SCHEMA, json: false });
