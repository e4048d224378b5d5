import { describe, expect, it } from 'vitest';
import { joinList } from './banner';

describe('joinList: the purposes joined as the visitor language joins a list', () => {
  it.each([
    ['en', ['Analytics', 'Marketing', 'Telemetry'], 'Analytics, Marketing, Telemetry'],
    ['en', ['Analytics'], 'Analytics'],
    ['ar', ['A', 'B', 'C'], 'A\u060c \u0648B\u060c \u0648C'],
    ['de', ['A', 'B', 'C'], 'A, B und C'],
    ['not a tag!', ['A', 'B'], 'A, B'],
  ])('%s %j -> %j', (lang, items, out) => expect(joinList(items, lang)).toBe(out));
});
