import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, ResponseStore } from '../../../src/collector-entry';
import { exportCsv } from '../../../src/collector/http/export-csv';
import { csvCell } from '../../../src/collector/http/to-csv';
import { answered, DATABASES, freshStore, shown, present } from '../fixtures';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const MINUTE = 60_000;

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('the CSV export on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => {
      ({ db, store } = await freshStore(url));
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    it('holds every record once when records are updated while it streams', async () => {
      // Received oldest first, so the oldest are on the export's last pages.
      const records = Array.from({ length: 6 }, (_, i) => answered(shown({}, T0 + i * MINUTE), 2 + i));
      for (const record of records) await store.upsert([record]);
      const reader = present(exportCsv(store, {}, 1).body).getReader();
      const decoder = new TextDecoder();
      let text = '';
      const first = await reader.read();
      text += decoder.decode(first.value);

      // A comment arrives for the oldest record (not exported yet) and for the newest (already exported).
      const [oldest, newest] = [records[0], records[records.length - 1]];
      for (const record of [oldest, newest])
        await store.upsert([
          {
            ...record,
            comment: 'Later thoughts',
            updatedAt: new Date(Date.parse(record.updatedAt) + MINUTE).toISOString(),
          },
        ]);

      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += decoder.decode(chunk.value);
      const ids = text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(ids.sort()).toEqual(records.map((r) => r.id).sort());
      expect(text).toContain(`${oldest.id},answered,2,detractor,Later thoughts`);
    });
  });

describe('CSV cells', () => {
  it('quotes and neutralises a formula after ";" in CSV cells', () => {
    expect(csvCell('fine; =HYPERLINK("http://evil")')).toBe(`"fine; '=HYPERLINK(""http://evil"")"`);
    expect(csvCell('a;+1;@x;-2')).toBe(`"a;'+1;'@x;'-2"`);
    expect(csvCell('a;b')).toBe('"a;b"');
  });

  it('guards a formula character after leading whitespace: spaces, tabs, NBSP and other Unicode spaces', () => {
    const spaces = [' ', '   ', '\t', '\u00a0', '\u2007', '\u202f', '\u3000', '\ufeff', '\u200b', ' \u00a0\t'];
    for (const space of spaces)
      for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)']) {
        const cell = csvCell(`${space}${formula}`);
        expect(cell, JSON.stringify(space + formula)).toMatch(/^"?'/);
      }
    expect(csvCell('\u00a0=HYPERLINK("http://evil")')).toBe(`"'\u00a0=HYPERLINK(""http://evil"")"`);
    expect(csvCell('a;\u00a0=1')).toBe(`"a;\u00a0'=1"`);
    // Text that merely starts with a space is left as it is.
    expect(csvCell(' plain text')).toBe(' plain text');
    expect(csvCell('=1')).toBe("'=1");
  });
});
