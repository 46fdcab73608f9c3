/**
 * The readers a text may need, each loaded where it is needed and awaited there: js-yaml (a YAML
 * text the cache does not know), the `yaml` library's Document (a write, aliases, an error to
 * place, a position past the layout scan) and zod's check (what the generated check is not sure
 * of). Building zod's schemas costs a small read more than all its other work: a valid file never
 * needs it.
 */

/** js-yaml with YAML 1.2's core schema (what the `yaml` library reads by default). */
export const jsYaml = async (): Promise<(text: string) => unknown> => {
  const { CORE_SCHEMA, load } = await import('js-yaml');
  return (text) => load(text, { schema: CORE_SCHEMA, json: false });
};

export const yamlDocument = async () => (await import('./read-document.js')).parseYaml;

export const zod = async () => (await import('../../domain/schema-problems.js')).zodCheck;
