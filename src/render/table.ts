/**
 * Tables for people (cli-table3), without the colours it adds on its own when not asked. The
 * library is loaded on the first table: a `--json` run or a write never needs it.
 */
export async function table(
  head: string[],
  rows: (string | number)[][],
  options: { ascii?: boolean } = {},
): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const chars = options.ascii
    ? {
        top: '-',
        'top-mid': '+',
        'top-left': '+',
        'top-right': '+',
        bottom: '-',
        'bottom-mid': '+',
        'bottom-left': '+',
        'bottom-right': '+',
        left: '|',
        'left-mid': '+',
        mid: '-',
        'mid-mid': '+',
        right: '|',
        'right-mid': '+',
        middle: '|',
      }
    : undefined;
  const t = new Table({ head, style: { head: [], border: [] }, ...(chars ? { chars } : {}) });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}
