import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse';

const BASE = 'https://app.example/page';
const parse = (c: unknown) => parseConfig(c, BASE);

describe('parseConfig', () => {
  it('fills every default for an empty or missing config', () => {
    for (const input of [undefined, null, {}]) {
      const { config, errors } = parse(input);
      expect(errors).toEqual([]);
      expect(config).toMatchObject({
        policyRevision: 1,
        region: 'auto',
        geoEndpoint: null,
        geoTimeoutMs: 1500,
        language: 'auto',
        consentMaxAgeDays: null,
        honorGlobalPrivacyControl: true,
        googleConsentMode: false,
        receiptEndpoint: null,
        assetBase: null,
        telemetry: null,
        regimes: {},
        translations: {},
        cookie: { name: 'consent_relay', path: '/', sameSite: 'Lax' },
      });
      expect(config.categories.map((c) => [c.id, c.required])).toEqual([
        ['necessary', true],
        ['analytics', false],
        ['telemetry', false],
      ]);
    }
  });

  it.each([
    ['policyRevision', 1.5],
    ['policyRevision', -1],
    ['policyRevision', '2'],
    ['region', 'Germany'],
    ['region', 5],
    ['geoTimeoutMs', 'abc'],
    ['geoTimeoutMs', -1],
    ['language', 'français'],
    ['consentMaxAgeDays', 0],
    ['honorGlobalPrivacyControl', 'yes'],
    ['googleConsentMode', 1],
    ['telemetry', 'on'],
    ['geoEndpoint', 'ftp://x/'],
    ['receiptEndpoint', 42],
    ['assetBase', 'javascript:alert(1)'],
    ['assetBase', 7],
    ['categories', 5],
    ['translations', []],
    ['cookie', 'x'],
    ['regimes', []],
  ])('reports a bad %s (%j) by name and keeps the default', (key, value) => {
    const good = parse({}).config as unknown as Record<string, unknown>;
    const { config, errors } = parse({ [key]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`config.${key}`);
    expect((config as unknown as Record<string, unknown>)[key]).toEqual(good[key]);
  });

  it.each([
    ['https://cdn.example/cr', 'https://cdn.example/cr/'],
    ['https://cdn.example/cr/', 'https://cdn.example/cr/'],
    ['/static/consent', 'https://app.example/static/consent/'],
  ])('assetBase %j is the folder %j', (value, folder) => {
    expect(parse({ assetBase: value })).toMatchObject({ errors: [], config: { assetBase: folder } });
  });

  it('reports unknown keys', () => {
    expect(parse({ honourGlobalPrivacyControl: false }).errors).toEqual([
      'config.honourGlobalPrivacyControl is not a known option',
    ]);
  });

  it('reports a non-object config', () => {
    expect(parse('{broken').errors[0]).toContain('config.(root)');
    expect(parse([1]).errors[0]).toContain('config.(root)');
  });

  it('normalises good values', () => {
    const { config, errors } = parse({
      region: 'us-ca',
      geoEndpoint: '/geo',
      receiptEndpoint: 'https://r.example/x',
      cookie: { name: 'cr', sameSite: 'strict', domain: '.example.com', maxAgeDays: 30 },
      regimes: { jp: 'opt-in' },
      translations: { FR: { acceptAll: 'Tout accepter' } },
    });
    expect(errors).toEqual([]);
    expect(config.region).toBe('US-CA');
    expect(config.geoEndpoint).toBe('https://app.example/geo');
    expect(config.cookie).toEqual({
      name: 'cr',
      path: '/',
      sameSite: 'Strict',
      domain: '.example.com',
      maxAgeDays: 30,
    });
    expect(config.regimes).toEqual({ JP: 'opt-in' });
    expect(config.translations).toEqual({ fr: { acceptAll: 'Tout accepter' } });
  });

  it.each([
    ['cookie.name', { cookie: { name: 'a b' } }],
    ['cookie.sameSite', { cookie: { sameSite: 'loose' } }],
    ['cookie.maxAgeDays', { cookie: { maxAgeDays: 500 } }],
    ['cookie.path', { cookie: { path: 'x' } }],
    ['regimes.XYZ', { regimes: { XYZ: 'opt-in' } }],
    ['regimes.JP', { regimes: { JP: 'strict' } }],
    ['translations.fr.acceptAll', { translations: { fr: { acceptAll: 1 } } }],
    ['categories[1].id', { categories: [{ id: 'necessary' }, { id: 'Bad Id' }] }],
    // A missing id is not the string "undefined" (RegExp.test would coerce it and pass).
    ['categories[0].id', { categories: [{ label: 'Stats' }] }],
    ['categories[1].id', { categories: [{ id: 'necessary' }, { id: ['analytics'] }] }],
    ['categories[0].cookies', { categories: [{ id: 'ads', cookies: 'x' }] }],
    ['categories[0].label', { categories: [{ id: 'ads', label: 3 }] }],
  ])('names the nested field %s', (name, cfg) => {
    const { errors } = parse(cfg);
    expect(errors.some((e) => e.startsWith(`config.${name} `))).toBe(true);
  });

  it('always has a required necessary category, and reads cookie patterns', () => {
    const { config } = parse({
      categories: [
        { id: 'analytics', cookies: ['_pk_id', '/^_ga/', /^_gid$/] },
        { id: 'necessary', required: false },
      ],
    });
    expect(config.categories.map((c) => [c.id, c.required])).toEqual([
      ['analytics', false],
      ['necessary', true],
    ]);
    const [re1, re2, re3] = config.categories[0].cookies;
    expect([re1.test('_pk_id'), re1.test('x_pk_id'), re2.test('_ga_XYZ'), re3.test('_gid')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(parse({ categories: [{ id: 'analytics' }] }).config.categories[0].id).toBe('necessary');
  });

  it('reports a duplicate category once', () => {
    const { config, errors } = parse({ categories: [{ id: 'analytics' }, { id: 'analytics' }] });
    expect(errors).toEqual(['config.categories[1].id "analytics" is listed twice']);
    expect(config.categories.filter((c) => c.id === 'analytics')).toHaveLength(1);
  });
});
