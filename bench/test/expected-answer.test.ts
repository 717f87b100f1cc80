import { describe, expect, it } from 'vitest';
import { answerProblem, countEntities, sameJson } from '../expected-answer.js';

const expected = '{"data":{"order":{"id":"1","user":{"id":"u","name":"Ada"}}}}';

describe('answerProblem', () => {
  it('accepts the expected bytes, and the same value serialised differently', () => {
    expect(answerProblem(200, expected, expected)).toBeNull();
    const reordered =
      '{ "data": { "order": { "user": { "name": "Ada", "id": "u" }, "id": "1" } } }';
    expect(answerProblem(200, reordered, expected)).toBeNull();
  });

  it('reports a non-200 status with the start of the body', () => {
    expect(answerProblem(503, 'unavailable', expected)).toBe('HTTP 503: unavailable');
  });

  it('reports GraphQL errors, a different value, and a body that is not JSON', () => {
    const withErrors = '{"errors":[{"message":"no"}],"data":null}';
    expect(answerProblem(200, withErrors, expected)).toMatch(/^errors: .*"no"/);
    expect(answerProblem(200, expected.replace('Ada', 'Bob'), expected)).toMatch(
      /^unexpected answer/,
    );
    expect(answerProblem(200, '<html>', expected)).toMatch(/^not JSON/);
  });
});

describe('sameJson', () => {
  it('compares arrays in order and objects by key', () => {
    expect(sameJson([1, { a: 2, b: 3 }], [1, { b: 3, a: 2 }])).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});

describe('countEntities', () => {
  it('counts every object that has an id, however deep', () => {
    const answer = {
      data: {
        u0: {
          id: 'a',
          orders: { edges: [{ node: { id: 'o1', items: [{ product: { id: 'p' } }] } }] },
        },
        u1: null,
      },
    };
    expect(countEntities(answer)).toBe(3);
  });
});
