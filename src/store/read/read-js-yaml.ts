/**
 * js-yaml with YAML 1.2's core schema (what the `yaml` library reads by default): parse.ts's
 * reader for YAML that lines.ts is not sure of. Loaded only then (load.ts): a file in eventctl's
 * own layout never needs it.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { yamlLoader } from '../text.js';

yamlLoader.set((text) => load(text, { schema: CORE_SCHEMA, json: false }));
