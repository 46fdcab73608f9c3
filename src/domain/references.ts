/**
 * A contribution's external references (Indico's `ContributionReference`: a reference type and a
 * value). The types are Indico's usual administrator list, built in: each with the URN scheme and
 * the URL template Indico gives it; another type name is kept as given, with no link.
 */
import { UsageError } from './errors.js';

export interface ReferenceType {
  name: string;
  scheme?: string;
  /** `{value}` is the reference's value */
  urlTemplate?: string;
}

export const REFERENCE_TYPES: ReferenceType[] = [
  { name: 'ArXiv', scheme: 'arxiv', urlTemplate: 'https://arxiv.org/abs/{value}' },
  { name: 'DOI', scheme: 'doi', urlTemplate: 'https://doi.org/{value}' },
  { name: 'ISBN', scheme: 'isbn' },
  { name: 'ISSN', scheme: 'issn' },
  { name: 'CDS', urlTemplate: 'https://cds.cern.ch/record/{value}' },
  { name: 'INSPIRE', urlTemplate: 'https://inspirehep.net/literature/{value}' },
  { name: 'URL', urlTemplate: '{value}' },
];

const known = (name: string) => REFERENCE_TYPES.find((t) => t.name.toLowerCase() === name.toLowerCase());

/** `TYPE:VALUE` from the command line, the type spelled as the built-in list spells it. */
export function parseReference(text: string): { type: string; value: string } {
  const at = text.indexOf(':');
  const type = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (at <= 0 || !value)
    throw new UsageError(`'${text}' is not TYPE:VALUE (for example DOI:10.1000/182 or ArXiv:2401.01234)`).about(
      'reference',
    );
  return { type: known(type)?.name ?? type, value };
}

/** As Indico's API gives a reference: its type, value, link and URN (null where the type has none). */
export function referenceJson(r: { type: string; value: string }) {
  const t = known(r.type);
  return {
    type: r.type,
    value: r.value,
    url: t?.urlTemplate ? t.urlTemplate.replace('{value}', encodeURI(r.value)) : null,
    urn: t?.scheme ? `${t.scheme}:${r.value}` : null,
  };
}
