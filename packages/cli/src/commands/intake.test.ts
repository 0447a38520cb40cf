import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lodestone-intake-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

describe('lodestone intake', () => {
  it('proposes a suspension linked to the regime, with its evidence offsets into the normalised text', async () => {
    const path = file(
      'suspension.txt',
      'BEIJING, Nov 7 - China said on Friday it would suspend the rare earth export controls of Announcements No. 61 and No. 62 until November 10, 2026.',
    );
    const r = await runCli(['intake', path, '--published', '2025-11-07', '--json']);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.stdout) as {
      text: string;
      events: {
        type: string;
        fields: { action: string; date: string };
        links: { measures: string[]; scenarios: string[] };
        evidence: { start: number; end: number; text: string }[];
      }[];
    }[];
    expect(doc?.events).toHaveLength(1);
    const e = doc?.events[0];
    expect(e?.type).toBe('export_control');
    expect(e?.fields.action).toBe('suspended');
    expect(e?.fields.date).toBe('2025-11-07');
    expect(e?.links.measures).toContain('CN-EC-2025-61');
    expect(e?.links.measures).toContain('CN-SUSP-2025-70');
    expect(e?.links.scenarios).toContain('cn-2025-10-package');
    const ev = e?.evidence[0];
    expect(doc?.text.slice(ev?.start, ev?.end)).toBe(ev?.text);
  });

  it('reads a folder and prints one block per file', async () => {
    const dir = join(scratch, 'folder');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), '商务部、海关总署4日宣布，对钐、钆、铽、镝等中重稀土相关物项实施出口管制。');
    writeFileSync(join(dir, 'b.html'), '<html><body><nav>Home</nav><p>No news today.</p></body></html>');
    writeFileSync(join(dir, 'c.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const r = await runCli(['intake', dir, '--published', '2025-04-04']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/a\.txt {2}\[zh, published 2025-04-04\]/);
    expect(r.stdout).toMatch(/export_control \(new\) on 2025-04-04/);
    expect(r.stdout).toMatch(/linked: CN-EC-2025-18/);
    expect(r.stdout).toMatch(/b\.html {2}\[en, published 2025-04-04\]\n {2}no events proposed/);
    expect(r.stdout).not.toMatch(/c\.png/);
  });

  it('refuses binary and empty files by name, and still reads the others', async () => {
    const bin = file('blob.txt', new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0]));
    const r = await runCli(['intake', bin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/blob\.txt: binary data, not text .*\(binary-input\)/);
    const empty = file('empty.txt', '  \n');
    expect((await runCli(['intake', empty])).stderr).toMatch(/empty\.txt: the file is empty \(empty-input\)/);
  });

  it('warns about invalid UTF-8 and reads the rest', async () => {
    const mixed = Buffer.concat([
      Buffer.from('China banned exports of gallium to the US on 3 December 2024. '),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
      Buffer.from(' 中国禁止向美国出口镓。'),
    ]);
    const r = await runCli(['intake', file('mixed.txt', mixed), '--published', '2024-12-04']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: 3 invalid UTF-8 sequence\(s\) replaced with U\+FFFD/);
    expect(r.stdout).toMatch(/export_control \(new\) on 2024-12-03/);
  });

  it('names a bad flag or a missing path with exit code 2', async () => {
    const path = file('ok.txt', 'nothing');
    expect((await runCli(['intake', path, '--published', '28 Oct'])).stderr).toMatch(
      /--published: a date as YYYY-MM-DD/,
    );
    expect((await runCli(['intake', path, '--lang', 'fr'])).code).toBe(2);
    const missing = await runCli(['intake', join(scratch, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder/);
  });
});
