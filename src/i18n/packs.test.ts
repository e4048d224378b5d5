import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHIPPED } from './choose';
import { EN as CORE, PANEL_EN } from '../ui/strings';

/** every English string, the core's and the panel's: a pack translates both */
const EN: Record<string, string> = { ...CORE, ...PANEL_EN };
const DIR = dirname(fileURLToPath(import.meta.url));
const EN_KEYS = Object.keys(EN).sort();
const BUTTONS = ['acceptAll', 'rejectAll', 'optOut', 'ok', 'preferences', 'save'] as const;
const MAX_BUTTON_RATIO = 2.2;
const MAX_GZIP = 1760;

/** Display width in "Latin characters": CJK ideographs, kana, Hangul and full-width forms count double. */
const CJK =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const width = (s: string) => [...s].reduce((n, ch) => n + (CJK.test(ch) ? 2 : 1), 0);

const file = (tag: string) => join(DIR, `${tag}.json`);
const load = (tag: string): Record<string, unknown> => JSON.parse(readFileSync(file(tag), 'utf8'));

describe('language packs', () => {
  it('every shipped language has a pack', () => {
    const missing = SHIPPED.filter((tag) => !existsSync(file(tag)));
    expect(missing, `missing packs: ${missing.join(', ')}`).toEqual([]);
  });

  it('no pack in the folder that is not shipped', () => {
    const extra = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((tag) => !SHIPPED.includes(tag));
    expect(extra, `packs not in SHIPPED: ${extra.join(', ')}`).toEqual([]);
  });

  describe.each(SHIPPED)('%s', (tag) => {
    const present = existsSync(file(tag));

    it.skipIf(!present)('has exactly the English keys', () => {
      const keys = Object.keys(load(tag));
      const missing = EN_KEYS.filter((k) => !keys.includes(k));
      const extra = keys.filter((k) => !(k in EN));
      expect({ missing, extra }, `${tag}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`).toEqual({
        missing: [],
        extra: [],
      });
    });

    it.skipIf(!present)('every value is a non-empty string without markup', () => {
      const bad = Object.entries(load(tag))
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '' || v !== v.trim() || v.includes('<'))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      expect(bad, `${tag}: bad values: ${bad.join('; ')}`).toEqual([]);
    });

    it.skipIf(!present)(`button labels are at most ${MAX_BUTTON_RATIO}× the English length`, () => {
      const pack = load(tag);
      const long = BUTTONS.filter((k) => typeof pack[k] === 'string')
        // A two-letter English label (OK) is a whole word in many languages (Tamam, אישור, Í lagi): at least 10.
        .map((k) => ({ k, w: width(pack[k] as string), max: Math.max(10, EN[k].length * MAX_BUTTON_RATIO) }))
        .filter(({ w, max }) => w > max)
        .map(({ k, w, max }) => `${k} (${w} > ${max.toFixed(1)}: ${JSON.stringify(pack[k])})`);
      expect(long, `${tag}: labels too long: ${long.join('; ')}`).toEqual([]);
    });

    it.skipIf(!present)(`is at most ${MAX_GZIP} bytes gzip`, () => {
      const size = gzipSync(JSON.stringify(load(tag)), { level: 9 }).length;
      expect(size, `${tag}: ${size} bytes gzip`).toBeLessThanOrEqual(MAX_GZIP);
    });
  });
});
