import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctName, safeFileName, sortedMaterials } from '../../src/domain/materials.js';
import type { Material } from '../../src/domain/schema.js';
import { eventIn, read, run, SMALL, setup, workspace } from '../helpers.js';

async function withSession() {
  const ws = workspace(undefined, SMALL);
  await setup(ws.file, [
    ['session', 'add', 'Plenary'],
    ['session', 'add', 'Other'],
  ]);
  const src = path.join(ws.dir, 'src');
  mkdirSync(src);
  const put = (name: string, text: string) => {
    const p = path.join(src, name);
    writeFileSync(p, text);
    return p;
  };
  const stored = (sessionId = 1) => {
    const dir = path.join(ws.dir, 'event.materials', String(sessionId));
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  return { ...ws, src, put, stored };
}

describe('stored names', () => {
  it('keeps only the last path part, without control characters or leading dots', () => {
    expect(safeFileName('../../x')).toBe('x');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    expect(safeFileName('a\\..\\b.pdf')).toBe('b.pdf');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('evil\u0000\u001b[31m.pdf')).toBe('evil[31m.pdf');
    expect(safeFileName(`${'a'.repeat(300)}.pdf`)).toHaveLength(120);
    expect(safeFileName(`${'a'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
  });

  it('never clobbers: a taken name gets a number, ignoring case', () => {
    expect(distinctName('slides.pdf', new Set(['slides.pdf']))).toBe('slides-2.pdf');
    expect(distinctName('Slides.PDF', new Set(['slides.pdf', 'slides-2.pdf']))).toBe('Slides-3.PDF');
    expect(distinctName('README', new Set(['readme']))).toBe('README-2');
  });

  it("orders Indico's way: the default folder first, then folders and titles ignoring case", () => {
    const m = (id: number, title: string, folder?: string): Material => ({
      id,
      title,
      url: 'https://x.org',
      ...(folder ? { folder } : {}),
    });
    const order = sortedMaterials([
      m(1, 'b', 'slides'),
      m(2, 'Z'),
      m(3, 'a', 'Slides'),
      m(4, 'a'),
      m(5, 'x', 'Agenda'),
    ]).map((x) => x.id);
    expect(order).toEqual([4, 2, 5, 3, 1]);
  });
});

describe('material add', () => {
  it('copies the file into <stem>.materials/<session>/ and records title, folder, size, sha256 and type', async () => {
    const ws = await withSession();
    const file = ws.put('talk slides.pdf', 'PDF-ish');
    const r = await run(['-f', ws.file, '--json', 'material', 'add', 'Plenary', file, '--folder', 'Slides']);
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout);
    expect(m).toMatchObject({
      id: 1,
      title: 'talk slides.pdf',
      folder: 'Slides',
      kind: 'file',
      size: 7,
      contentType: 'application/pdf',
    });
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.file).toBe('event.materials/1/talk slides.pdf');
    expect(readFileSync(path.join(ws.dir, m.file), 'utf8')).toBe('PDF-ish');
    expect(eventIn(ws.file).sessions?.[0]?.materials?.[0]).toMatchObject({ folder: 'Slides', size: 7 });
    expect((await run(['-f', ws.file, 'validate'])).code).toBe(0);
  });

  it('records the sha256 of the stored bytes', async () => {
    const ws = await withSession();
    const r = await run(['-f', ws.file, '--json', 'material', 'add', '1', ws.put('a.txt', 'abc')]);
    expect(JSON.parse(r.stdout)[0].sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses the same content twice in a session, naming the existing material', async () => {
    const ws = await withSession();
    await setup(ws.file, [['material', 'add', '1', ws.put('a.pdf', 'same'), '--title', 'Welcome']]);
    const before = read(ws.file);
    const r = await run(['-f', ws.file, 'material', 'add', '1', ws.put('b.pdf', 'same')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("as material #1 'Welcome'");
    expect(read(ws.file)).toBe(before);
    expect(ws.stored()).toEqual(['a.pdf']);
    // Another session may hold the same content.
    expect((await run(['-f', ws.file, 'material', 'add', '2', ws.put('b.pdf', 'same')])).code).toBe(0);
  });

  it('gives a second slides.pdf a distinct stored name', async () => {
    const ws = await withSession();
    const one = ws.put('slides.pdf', 'one');
    await setup(ws.file, [['material', 'add', '1', one]]);
    mkdirSync(path.join(ws.src, 'v2'));
    writeFileSync(path.join(ws.src, 'v2', 'slides.pdf'), 'two');
    await setup(ws.file, [['material', 'add', '1', path.join(ws.src, 'v2', 'slides.pdf')]]);
    expect(ws.stored()).toEqual(['slides-2.pdf', 'slides.pdf']);
    expect(readFileSync(path.join(ws.dir, 'event.materials/1/slides.pdf'), 'utf8')).toBe('one');
  });

  it('stores a file reached through ../../ inside the materials folder, under its own name', async () => {
    const ws = await withSession();
    const deep = path.join(ws.dir, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    ws.put('x', 'outside');
    const r = await run(['--json', 'material', 'add', '1', '../../src/x'], {
      cwd: deep,
      env: { EVENTCTL_FILE: ws.file },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].file).toBe('event.materials/1/x');
    expect(
      readdirSync(ws.dir)
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual(['a', 'event.materials', 'event.yaml', 'src']);
  });

  it('refuses a symlink or a folder, and a missing file, before anything changes', async () => {
    const ws = await withSession();
    const real = ws.put('real.pdf', 'x');
    symlinkSync(real, path.join(ws.src, 'link.pdf'));
    const before = read(ws.file);
    const link = await run(['-f', ws.file, 'material', 'add', '1', real, path.join(ws.src, 'link.pdf')]);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/link\.pdf is a symbolic link/);
    const dir = await run(['-f', ws.file, 'material', 'add', '1', ws.src]);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toMatch(/is a folder/);
    const missing = await run(['-f', ws.file, 'material', 'add', '1', real, path.join(ws.src, 'nope.pdf')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.pdf does not exist/);
    expect(read(ws.file)).toBe(before);
    expect(existsSync(path.join(ws.dir, 'event.materials'))).toBe(false);
  });

  // Root reads everything.
  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file before anything changes', async () => {
    const ws = await withSession();
    const secret = ws.put('secret.pdf', 'x');
    chmodSync(secret, 0);
    const before = read(ws.file);
    const r = await run(['-f', ws.file, 'material', 'add', '1', ws.put('ok.pdf', 'y'), secret]);
    expect(r.code).toBe(3);
    expect(read(ws.file)).toBe(before);
    expect(ws.stored()).toEqual([]);
  });

  it('--dry-run copies nothing', async () => {
    const ws = await withSession();
    const before = read(ws.file);
    const r = await run(['-f', ws.file, '--dry-run', 'material', 'add', '1', ws.put('a.pdf', 'x')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Dry run/);
    expect(read(ws.file)).toBe(before);
    expect(existsSync(path.join(ws.dir, 'event.materials'))).toBe(false);
  });
});

describe('material link, list and remove', () => {
  it('adds http(s) links only, titled by the URL unless given', async () => {
    const ws = await withSession();
    const r = await run(['-f', ws.file, '--json', 'material', 'link', '1', 'https://example.org/rec']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'link',
      title: 'https://example.org/rec',
      url: 'https://example.org/rec',
    });
    for (const bad of ['ftp://example.org/x', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const refused = await run(['-f', ws.file, 'material', 'link', '1', bad]);
      expect(refused.code, bad).toBe(2);
    }
    expect((await run(['-f', ws.file, 'material', 'link', '1', 'https://example.org/rec'])).code).toBe(1);
  });

  it('lists by folder, then title, ignoring case', async () => {
    const ws = await withSession();
    await setup(ws.file, [
      ['material', 'link', '1', 'https://a.org/1', '--title', 'b talk', '--folder', 'Slides'],
      ['material', 'link', '1', 'https://a.org/2', '--title', 'Agenda'],
      ['material', 'link', '1', 'https://a.org/3', '--title', 'A talk', '--folder', 'slides'],
    ]);
    const r = await run(['-f', ws.file, '--json', 'material', 'list', '1']);
    expect(JSON.parse(r.stdout).map((m: { title: string }) => m.title)).toEqual(['Agenda', 'A talk', 'b talk']);
    const text = await run(['-f', ws.file, 'material', 'list', '1']);
    expect(text.stdout.indexOf('Agenda')).toBeLessThan(text.stdout.indexOf('A talk'));
  });

  it('removes the stored file too, unless another record points at it', async () => {
    const ws = await withSession();
    await setup(ws.file, [
      ['material', 'add', '1', ws.put('a.pdf', 'a')],
      ['material', 'add', '1', ws.put('b.pdf', 'b')],
    ]);
    // A hand-made second record pointing at b.pdf (e.g. copied in another session).
    const ev = eventIn(ws.file);
    const b = ev.sessions?.[0]?.materials?.[1] as Material & { file: string };
    const withCopy = read(ws.file).replace(
      /( {2}- id: 2\n {4}title: Other\n)/,
      `$1    materials:\n      - { id: 9, title: shared, file: ${b.file}, size: 1, sha256: ${(b as { sha256: string }).sha256} }\n`,
    );
    writeFileSync(ws.file, withCopy.replace('material: 2', 'material: 9'));
    expect((await run(['-f', ws.file, 'validate'])).stdout).toMatch(/is valid/);
    await setup(ws.file, [
      ['material', 'remove', '1', '1', '-y'],
      ['material', 'remove', '1', '2', '-y'],
    ]);
    expect(ws.stored()).toEqual(['b.pdf']);
    expect((await run(['-f', ws.file, 'validate'])).code).toBe(0);
  });

  it('removing a session removes its materials folder', async () => {
    const ws = await withSession();
    await setup(ws.file, [
      ['material', 'add', '1', ws.put('a.pdf', 'a')],
      ['material', 'add', '2', ws.put('b.pdf', 'b')],
    ]);
    await setup(ws.file, [['session', 'remove', '1', '-y']]);
    expect(existsSync(path.join(ws.dir, 'event.materials', '1'))).toBe(false);
    expect(ws.stored(2)).toEqual(['b.pdf']);
  });

  it("a meeting's removal of a session's last block removes the session's folder with it", async () => {
    const ws = workspace('meeting.yaml');
    const src = path.join(ws.dir, 'a.pdf');
    writeFileSync(src, 'a');
    await setup(ws.file, [['material', 'add', '2', src]]);
    expect(existsSync(path.join(ws.dir, 'meeting.materials', '2'))).toBe(true);
    const r = await run(['-f', ws.file, '--json', 'block', 'remove', '2', '-y']);
    expect(r.code, r.stderr).toBe(0);
    expect(eventIn(ws.file).sessions?.map((s) => s.id)).toEqual([1]);
    expect(existsSync(path.join(ws.dir, 'meeting.materials'))).toBe(false);
  });

  it('clean-up is the same in a batch and on undo: files no record names are deleted', async () => {
    const ws = await withSession();
    await setup(ws.file, [['material', 'add', '1', ws.put('a.pdf', 'a')]]);
    const lines = path.join(ws.dir, 'lines.txt');
    writeFileSync(lines, 'session remove 1 -y\n');
    expect((await run(['-f', ws.file, 'batch', lines])).code).toBe(0);
    expect(existsSync(path.join(ws.dir, 'event.materials', '1'))).toBe(false);
    await setup(ws.file, [['material', 'add', '2', ws.put('b.pdf', 'b')]]);
    expect(ws.stored(2)).toEqual(['b.pdf']);
    expect((await run(['-f', ws.file, 'undo'])).code).toBe(0);
    expect(ws.stored(2)).toEqual([]);
  });

  it('shows the count in session list, and in the timetable once a day on the session’s first block', async () => {
    const ws = await withSession();
    await setup(ws.file, [
      ['material', 'link', '1', 'https://a.org/1'],
      ['block', 'add', '1', '--start', '2026-06-08 09:00', '--duration', '60'],
      ['block', 'add', '1', '--start', '2026-06-08 14:00', '--duration', '60'],
    ]);
    expect((await run(['-f', ws.file, 'session', 'list'])).stdout).toMatch(/1 item/);
    const show = await run(['-f', ws.file, 'session', 'show', '1']);
    expect(show.stdout).toMatch(/Material\n {2}#1 https:\/\/a\.org\/1 → https:\/\/a\.org\/1/);
    const tt = await run(['-f', ws.file, 'timetable', '--view', 'list']);
    expect(tt.stdout.match(/1 material/g)).toHaveLength(1);
  });
});

describe('validate and material files', () => {
  it('reports a missing file, a changed file and a record outside the materials folder', async () => {
    const ws = await withSession();
    await setup(ws.file, [
      ['material', 'add', '1', ws.put('a.pdf', 'a')],
      ['material', 'add', '1', ws.put('b.pdf', 'b')],
    ]);
    writeFileSync(path.join(ws.dir, 'event.materials/1/a.pdf'), 'changed');
    const rules = (r: { stdout: string }) =>
      JSON.parse(r.stdout)
        .problems.filter((p: { severity: string }) => p.severity === 'error')
        .map((p: { rule: string }) => p.rule)
        .sort();
    const r0 = await run(['-f', ws.file, '--json', 'validate']);
    expect(rules(r0)).toEqual(['material-changed']);
    writeFileSync(ws.file, read(ws.file).replace('event.materials/1/b.pdf', 'elsewhere/b.pdf'));
    const r = await run(['-f', ws.file, '--json', 'validate']);
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems;
    expect(rules(r)).toEqual(['material-changed', 'material-path']);
    expect(problems.every((p: { line: number | null }) => typeof p.line === 'number')).toBe(true);
    writeFileSync(ws.file, read(ws.file).replace('elsewhere/b.pdf', 'event.materials/1/gone.pdf'));
    const missing = await run(['-f', ws.file, '--json', 'validate']);
    expect(rules(missing)).toEqual(['material-changed', 'material-missing']);
  });

  it('never deletes a file outside the materials folder named by a hand-edited record', async () => {
    const ws = await withSession();
    const outside = ws.put('keep.txt', 'precious');
    const text = read(ws.file).replace(
      /( {2}- id: 1\n {4}title: Plenary\n)/,
      `$1    materials:\n      - { id: 5, title: evil, file: src/keep.txt, size: 8, sha256: "${'0'.repeat(64)}" }\n`,
    );
    writeFileSync(ws.file, text);
    await setup(ws.file, [['material', 'remove', '1', '5', '-y']]);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
  });
});
