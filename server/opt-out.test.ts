import { describe, expect, it } from 'vitest';
import { isSet, optOutReason } from './opt-out';

describe('isSet', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['  ', false],
    ['0', false],
    ['false', false],
    ['FALSE', false],
    [' False ', false],
    ['1', true],
    ['true', true],
    ['yes', true],
    ['on', true],
    ['2', true],
    ['no', true], // "any value but empty, 0 or false" (docs/SPEC.md §7): a typo errs on the side of not sending
  ])('%j → %s', (value, expected) => {
    expect(isSet(value)).toBe(expected);
  });
});

describe('optOutReason', () => {
  it.each<[string, boolean, string | undefined, Record<string, string>, string | null]>([
    ['nothing set', true, undefined, {}, null],
    ['enabled: false wins', false, 'ACME_OPTOUT', { ACME_OPTOUT: '1', DO_NOT_TRACK: '1' }, 'enabled: false'],
    ['DO_NOT_TRACK=1', true, undefined, { DO_NOT_TRACK: '1' }, 'DO_NOT_TRACK=1'],
    ['DO_NOT_TRACK=0', true, undefined, { DO_NOT_TRACK: '0' }, null],
    ["the host's variable", true, 'ACME_OPTOUT', { ACME_OPTOUT: 'true' }, 'ACME_OPTOUT=true'],
    ["the host's variable first", true, 'ACME_OPTOUT', { ACME_OPTOUT: 'yes', DO_NOT_TRACK: '1' }, 'ACME_OPTOUT=yes'],
    [
      "DO_NOT_TRACK when the host's is off",
      true,
      'ACME_OPTOUT',
      { ACME_OPTOUT: 'false', DO_NOT_TRACK: 'true' },
      'DO_NOT_TRACK=true',
    ],
    ['another variable is not an opt-out', true, undefined, { ACME_OPTOUT: '1' }, null],
  ])('%s', (_, enabled, optOutEnv, env, expected) => {
    expect(optOutReason(enabled, optOutEnv, env)).toBe(expected);
  });
});
