import { describe, expect, it } from 'vitest';
import type { LogStatus } from '../telemetry/types';
import { PANEL_EN, type Strings } from './strings';
import { said } from './telemetry-panel';

// Every status the log can hold (a new one is a type error here), in the words the panel shows for it.
const WORDS: Record<LogStatus, string> = {
  sent: 'Sent',
  logged: 'Logged only, not sent',
  refused: 'Refused',
  failed: 'Failed, will retry',
};

describe('said: a log entry status in the panel language (its string key is tm + Status)', () => {
  it.each(Object.entries(WORDS))('%s -> %j', (status, words) =>
    expect(said(PANEL_EN as unknown as Strings, status)).toBe(words),
  );
  it('takes a translation of the key', () =>
    expect(said({ ...PANEL_EN, tmSent: 'Gesendet' } as unknown as Strings, 'sent')).toBe('Gesendet'));
  it('an unknown status has no words (nothing is shown rather than a key)', () =>
    expect(said(PANEL_EN as unknown as Strings, 'lost')).toBeUndefined());
});
