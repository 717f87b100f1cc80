import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '@fedshop/composition';
import { accountsTypeDefs } from './fixtures/accounts-subgraph.js';
import { reviewsTypeDefs } from './fixtures/reviews-subgraph.js';

const accounts = {
  name: 'accounts',
  url: 'http://127.0.0.1:5001/graphql',
  typeDefs: accountsTypeDefs,
};
const reviews = {
  name: 'reviews',
  url: 'http://127.0.0.1:5002/graphql',
  typeDefs: reviewsTypeDefs,
};

describe('composeSupergraph', () => {
  it('when the subgraphs compose, then the supergraph names each one with its URL', () => {
    const composition = composeSupergraph([accounts, reviews]);

    expect(composition.ok).toBe(true);
    if (!composition.ok) return;
    expect(composition.supergraphSdl).toContain(
      'ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:5001/graphql")',
    );
    expect(composition.supergraphSdl).toContain(
      'REVIEWS @join__graph(name: "reviews", url: "http://127.0.0.1:5002/graphql")',
    );
  });

  it('when two subgraphs define a field differently, then the errors name the field', () => {
    const conflicting = {
      ...reviews,
      typeDefs: reviewsTypeDefs.replace('reviews: [Review!]', 'reviews: [Review!]\n    name: Int!'),
    };

    const composition = composeSupergraph([accounts, conflicting]);

    expect(composition.ok).toBe(false);
    if (composition.ok) return;
    expect(composition.errors.join('\n')).toContain('User.name');
  });

  it('when a schema does not parse, then the error names its subgraph', () => {
    const composition = composeSupergraph([accounts, { ...reviews, typeDefs: 'type Query {' }]);

    expect(composition.ok).toBe(false);
    if (composition.ok) return;
    expect(composition.errors).toHaveLength(1);
    expect(composition.errors[0]).toMatch(/^\[reviews\] Syntax Error/);
  });
});
