import { describe, expect, it } from 'vitest';
import { resolveJurisdiction, type JurisdictionInput } from './resolve';
import type { Jurisdiction } from './types';

const j = (
  region: string | null,
  regime: Jurisdiction['regime'],
  source: Jurisdiction['source'],
  gpcRequired = false,
): Jurisdiction => ({ region, regime, source, gpcRequired });

describe('resolveJurisdiction: chain order (docs/SPEC.md §3)', () => {
  it.each<[string, JurisdictionInput, Jurisdiction]>([
    [
      'config beats all',
      { configured: 'DE', geo: 'US-CA', timeZone: 'America/New_York', languages: ['en-US'] },
      j('DE', 'opt-in', 'config'),
    ],
    ['config is normalized', { configured: 'us-ca', geo: 'DE' }, j('US-CA', 'opt-out', 'config', true)],
    ['config CLDR form', { configured: 'CAQC' }, j('CA-QC', 'opt-in', 'config')],
    ['a bad config region fails closed', { configured: 'XX', geo: 'US' }, j(null, 'opt-in', 'config')],
    ['an empty config region fails closed', { configured: '', geo: 'US' }, j(null, 'opt-in', 'config')],
    ['geo beats time zone', { geo: 'US-CA', timeZone: 'Europe/Berlin' }, j('US-CA', 'opt-out', 'geo', true)],
    ['geo beats language', { geo: 'JP', languages: ['de-DE'] }, j('JP', 'notice', 'geo')],
    ['geo is normalized', { geo: 'ca_qc' }, j('CA-QC', 'opt-in', 'geo')],
    ['geo US without state: strict US', { geo: 'US', timeZone: 'America/Chicago' }, j('US', 'opt-out', 'geo', true)],
    ['geo, known state without a law', { geo: 'US-WA' }, j('US-WA', 'notice', 'geo')],
    ['time zone beats language', { timeZone: 'Europe/Paris', languages: ['en-US'] }, j('FR', 'opt-in', 'timezone')],
    ['time zone US: state unknown', { timeZone: 'America/Los_Angeles' }, j('US', 'opt-out', 'timezone', true)],
    ['time zone Toronto alone: CA-QC', { timeZone: 'America/Toronto' }, j('CA-QC', 'opt-in', 'timezone')],
    ['time zone rest of Canada', { timeZone: 'America/Vancouver' }, j('CA', 'opt-out', 'timezone')],
    [
      'time zone elsewhere: notice, no region',
      { timeZone: 'Asia/Tokyo', languages: ['de-DE'] },
      j(null, 'notice', 'timezone'),
    ],
    ['a failed geo answer falls through', { geo: null, timeZone: 'Europe/Berlin' }, j('DE', 'opt-in', 'timezone')],
    ['language when there is no zone', { languages: ['fr-CA'] }, j('CA', 'opt-out', 'language')],
    ['language when Intl gave nothing', { timeZone: null, languages: ['en', 'pt-BR'] }, j('BR', 'opt-in', 'language')],
    [
      'language after a placeless zone, staying opt-in',
      { timeZone: 'UTC', languages: ['de-DE'] },
      j('DE', 'opt-in', 'language'),
    ],
    [
      'a placeless zone is not loosened by language (Tor Browser: UTC + en-US)',
      { timeZone: 'UTC', languages: ['en-US'] },
      j(null, 'opt-in', 'unknown'),
    ],
    [
      'a placeless zone and a loosening language (fr-CA is opt-out)',
      { timeZone: 'Etc/GMT+5', languages: ['fr-CA'] },
      j(null, 'opt-in', 'unknown'),
    ],
    ['language without a region', { languages: ['en', 'es-419'] }, j(null, 'opt-in', 'unknown')],
    ['nothing at all', {}, j(null, 'opt-in', 'unknown')],
  ])('%s', (_, input, expected) => {
    expect(resolveJurisdiction(input)).toEqual(expected);
  });
});

describe('resolveJurisdiction: CA without province + Toronto/Montreal -> CA-QC (facts, CA row)', () => {
  it.each<[string | null, string, Jurisdiction]>([
    ['CA', 'America/Toronto', j('CA-QC', 'opt-in', 'geo')],
    ['CA', 'America/Montreal', j('CA-QC', 'opt-in', 'geo')],
    ['CA', 'Canada/Eastern', j('CA-QC', 'opt-in', 'geo')],
    ['CA', 'America/Vancouver', j('CA', 'opt-out', 'geo')],
    ['CA', 'UTC', j('CA', 'opt-out', 'geo')],
    ['CA-ON', 'America/Toronto', j('CA-ON', 'opt-out', 'geo')], // the province is known: no guess
    ['US', 'America/Toronto', j('US', 'opt-out', 'geo', true)], // a traveller: the zone is another country
  ])('geo %s + %s', (geo, timeZone, expected) => {
    expect(resolveJurisdiction({ geo, timeZone })).toEqual(expected);
  });
});

describe('resolveJurisdiction: the facts "unknown" row, through the chain', () => {
  it.each<[string, JurisdictionInput]>([
    ['no answer at all', { geo: null, timeZone: null, languages: [] }],
    ['geo XX (unknown)', { geo: 'XX' }],
    ['geo T1 (Tor Browser: UTC, en-US)', { geo: 'T1', timeZone: 'UTC', languages: ['en-US'] }],
    ['geo ZZ (CLDR unknown)', { geo: 'ZZ' }],
    ['zone UTC', { timeZone: 'UTC' }],
    ['zone Etc/GMT+3', { timeZone: 'Etc/GMT+3', languages: ['en'] }],
    ['zone garbage', { timeZone: 'Mars/Olympus Mons' }],
    ['geo XX + zone Etc/UTC', { geo: 'XX', timeZone: 'Etc/UTC' }],
  ])('%s -> opt-in', (_, input) => {
    expect(resolveJurisdiction(input)).toEqual(j(null, 'opt-in', 'unknown'));
  });
});

describe('resolveJurisdiction: site overrides win', () => {
  it.each<[string, JurisdictionInput, Jurisdiction]>([
    ['geo JP made opt-in', { geo: 'JP', overrides: { JP: 'opt-in' } }, j('JP', 'opt-in', 'geo')],
    ['geo US-WA made opt-out', { geo: 'US-WA', overrides: { 'US-WA': 'opt-out' } }, j('US-WA', 'opt-out', 'geo')],
    ['config GB made notice', { configured: 'GB', overrides: { GB: 'notice' } }, j('GB', 'notice', 'config')],
    [
      'time zone US made opt-in',
      { timeZone: 'America/New_York', overrides: { US: 'opt-in' } },
      j('US', 'opt-in', 'timezone', true),
    ],
    [
      'CA-QC via Toronto made opt-out',
      { geo: 'CA', timeZone: 'America/Toronto', overrides: { CA: 'opt-out' } },
      j('CA-QC', 'opt-out', 'geo'),
    ],
    ['unknown stays opt-in', { timeZone: 'UTC', overrides: { US: 'notice' } }, j(null, 'opt-in', 'unknown')],
  ])('%s', (_, input, expected) => {
    expect(resolveJurisdiction(input)).toEqual(expected);
  });
});
