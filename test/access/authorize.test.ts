// The authorization helpers every resolver uses: who gets UNAUTHENTICATED,
// who gets FORBIDDEN, and who passes.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { canReadUnpublished, requireAuthenticated, requirePillarWriter, requireRole } from '../../platform-kit/access/authorize.js';
import { anonymousPrincipal, type Principal } from '../../platform-kit/access/principal.js';
import { editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';

function codeOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(GraphQLError);
    return (err as GraphQLError).extensions.code as string;
  }
}

describe('requireAuthenticated', () => {
  it('rejects only the anonymous principal', () => {
    expect(codeOf(() => requireAuthenticated(anonymousPrincipal))).toBe('UNAUTHENTICATED');
    for (const p of [thinkTankReader, secretariatAdmin, editorOf('economy')]) expect(codeOf(() => requireAuthenticated(p))).toBeNull();
  });
});

describe('requireRole', () => {
  it('is UNAUTHENTICATED for anonymous, FORBIDDEN for other roles, and names the role needed', () => {
    expect(codeOf(() => requireRole(anonymousPrincipal, 'SECRETARIAT_ADMIN'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireRole(thinkTankReader, 'SECRETARIAT_ADMIN'))).toBe('FORBIDDEN');
    expect(() => requireRole(editorOf('economy'), 'SECRETARIAT_ADMIN', 'THINK_TANK_READER')).toThrow(
      /requires role SECRETARIAT_ADMIN or THINK_TANK_READER; caller is MINISTRY_EDITOR of economy/,
    );
    expect(codeOf(() => requireRole(thinkTankReader, 'SECRETARIAT_ADMIN', 'THINK_TANK_READER'))).toBeNull();
  });
});

describe('requirePillarWriter', () => {
  const cases: Array<[string, Principal, string[], string | null]> = [
    ['anonymous', anonymousPrincipal, [], 'UNAUTHENTICATED'],
    ['think-tank reader', thinkTankReader, [], 'FORBIDDEN'],
    ['editor of another pillar', editorOf('social-cultural'), [], 'FORBIDDEN'],
    ['editor of the pillar', editorOf('economy'), ['TH', 'VN'], null],
    ['country editor, own country', editorOf('economy', 'TH'), ['TH'], null],
    ['country editor, record without countries', editorOf('economy', 'TH'), [], null],
    ['country editor, other country', editorOf('economy', 'TH'), ['VN'], 'FORBIDDEN'],
    ['country editor, own and other country', editorOf('economy', 'TH'), ['TH', 'LA'], 'FORBIDDEN'],
    ['country editor of another pillar', editorOf('political-security', 'TH'), ['TH'], 'FORBIDDEN'],
    ['secretariat admin', secretariatAdmin, ['KH', 'MM'], null],
  ];
  it.each(cases)('%s writing economy records', (_label, principal, countries, code) => {
    expect(codeOf(() => requirePillarWriter(principal, 'economy', countries))).toBe(code);
  });

  it('says who may write and which countries are out of reach', () => {
    expect(() => requirePillarWriter(thinkTankReader, 'economy')).toThrow(/requires a MINISTRY_EDITOR of economy or a SECRETARIAT_ADMIN/);
    expect(() => requirePillarWriter(editorOf('economy', 'TH'), 'economy', ['TH', 'LA', 'LA'])).toThrow(/only write records of country TH; this record involves LA$/);
  });
});

describe('canReadUnpublished', () => {
  it('is true for the pillar editor and admins only', () => {
    expect(canReadUnpublished(editorOf('economy', 'TH'), 'economy')).toBe(true);
    expect(canReadUnpublished(secretariatAdmin, 'social-cultural')).toBe(true);
    expect(canReadUnpublished(editorOf('economy'), 'social-cultural')).toBe(false);
    expect(canReadUnpublished(thinkTankReader, 'economy')).toBe(false);
    expect(canReadUnpublished(anonymousPrincipal, 'economy')).toBe(false);
  });
});
