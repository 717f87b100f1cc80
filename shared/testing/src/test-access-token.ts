import {
  createAccessTokenIssuer,
  readPrivateKeySet,
  signingKeyOf,
  type Viewer,
} from '@fedshop/auth';
import { testKeys } from './test-keys.js';

/**
 * A client access token for `viewer` as the users service issues it, signed with the test
 * token key (`lifetime` in jose's syntax; a negative one gives an expired token).
 */
export async function issueTestAccessToken(
  viewer: Viewer,
  { lifetime = '15m', privateFile = testKeys.token.privateFile } = {},
): Promise<string> {
  const signingKey = await signingKeyOf(
    readPrivateKeySet(privateFile, 'test keys'),
    undefined,
    'test keys',
  );
  return (await createAccessTokenIssuer({ signingKey, lifetime })(viewer)).token;
}
