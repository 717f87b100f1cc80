import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import { applyAuthRules, type AuthPolicies } from '@fedshop/subgraph-kit';

const policies = (given: AuthPolicies<unknown>) => given as AuthPolicies<never>;

const directive = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  directive @auth(requires: String = "USER", policy: String, hidden: Boolean = false) on FIELD_DEFINITION | OBJECT
`;

const build = (sdl: string, policies: AuthPolicies<never> = {}) =>
  applyAuthRules(
    buildSubgraphSchema([
      {
        typeDefs: parse(directive + sdl),
        resolvers: { Query: { note: () => ({ id: '1', owner: 'u1' }) } } as never,
      },
    ]),
    policies,
  );

describe('applyAuthRules at start-up', () => {
  it('when a rule names a policy nobody registered, then building fails naming it', () => {
    expect(() => build('type Query { note: String @auth(policy: "nobody") }')).toThrow(
      '@auth on Query.note names the policy "nobody", which is not registered',
    );
  });

  it('when requires is not ANYONE, USER or ADMIN, then building fails saying so', () => {
    expect(() => build('type Query { note: String @auth(requires: "ROOT") }')).toThrow(
      '@auth on Query.note: requires must be one of ANYONE, USER, ADMIN, not ROOT',
    );
  });

  it('when hidden is asked of a non-null field, then building fails: it could not answer null', () => {
    expect(() => build('type Query { note: String! @auth(hidden: true) }')).toThrow(
      '@auth on Query.note: hidden needs a nullable field, to answer null',
    );
  });
});

describe('applyAuthRules at run time', () => {
  const { schema } = build(
    `type Note @key(fields: "id") @auth(policy: "owner", hidden: true) { id: ID! owner: String! }
     type Query { note: Note }`,
    policies({ owner: (viewer, note: { owner: string }) => viewer?.userId === note.owner }),
  );
  const run = (userId: string | null) =>
    execute({
      schema,
      document: parse('{ note { id } }'),
      contextValue: {
        viewer: userId ? { userId, role: 'CUSTOMER' } : null,
        requestId: 'r1',
        logger: createMemoryLogger({ service: 'test' }).logger,
      },
    });

  it('when the policy on a type allows the caller, then the object is returned', async () => {
    expect((await run('u1')).data).toEqual({ note: { id: '1' } });
  });

  it('when it refuses a hidden type, then the field is null without an error', async () => {
    const result = await run('u2');
    expect(result.data).toEqual({ note: null });
    expect(result.errors).toBeUndefined();
  });
});
