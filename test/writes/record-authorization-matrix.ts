// The authorization matrix of a pillar's record mutations: every caller kind
// against every mutation, checking the outcome (data or the error code) and
// that a refused call wrote nothing. Used by the pillar write suites.
import { describe, expect, it } from 'vitest';
import type { PillarSubgraphName } from '../../platform-kit/access/pillar-names.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { failed, ok, type Call } from './writes-client.js';

export type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export interface Caller {
  label: string;
  principal: Principal;
  expected: Outcome;
}

/** Callers of a record involving only `ownCountry`, written in `pillar`. */
export function callersOf(pillar: PillarSubgraphName, ownCountry: string, otherCountry: string, otherPillar: PillarSubgraphName): Caller[] {
  return [
    { label: 'anonymous', principal: anonymous, expected: 'UNAUTHENTICATED' },
    { label: 'think-tank reader', principal: thinkTankReader, expected: 'FORBIDDEN' },
    { label: 'editor of this pillar', principal: editorOf(pillar), expected: 'OK' },
    { label: `editor of this pillar limited to ${ownCountry}`, principal: editorOf(pillar, ownCountry), expected: 'OK' },
    { label: `editor of another pillar (${otherPillar})`, principal: editorOf(otherPillar), expected: 'FORBIDDEN' },
    { label: `editor of this pillar limited to ${otherCountry}`, principal: editorOf(pillar, otherCountry), expected: 'FORBIDDEN' },
    { label: 'secretariat admin', principal: secretariatAdmin, expected: 'OK' },
  ];
}

export interface MutationCase {
  name: string;
  query: string;
  /** Puts in place what caller number `i` acts on (run as an admin). */
  setup?(i: number): Promise<void>;
  variables(i: number): Record<string, unknown>;
  /** Whether caller number `i`'s write is in the store. */
  wrote(i: number): Promise<boolean>;
}

export function authorizationMatrix(call: Call, callers: Caller[], cases: MutationCase[]) {
  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_, mutation) => {
    it.each(callers.map((c, i) => [c.label, c.expected, i] as const))('%s: %s', async (_, expected, i) => {
      await mutation.setup?.(i);
      const res = await call(callers[i].principal, mutation.query, mutation.variables(i));
      if (expected === 'OK') {
        expect(ok(res)[mutation.name]).toBeTruthy();
        expect(await mutation.wrote(i)).toBe(true);
      } else {
        failed(res, expected);
        expect(await mutation.wrote(i)).toBe(false);
      }
    });
  });
}
