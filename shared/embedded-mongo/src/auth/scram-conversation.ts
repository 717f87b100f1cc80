import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmac, sha256, type ScramCredentials } from './scram-credentials.js';

/** A failed exchange; the client only ever hears "Authentication failed.". */
export class ScramFailure extends Error {
  override name = 'ScramFailure';
}

/** The first message of the client, parsed (RFC 5802 §7). */
export interface ClientFirst {
  /** The username, `=2C`/`=3D` decoded. */
  readonly username: string;
  readonly clientNonce: string;
  /** The gs2 header (`n,,`), echoed base64-encoded in the client's final message. */
  readonly gs2Header: string;
  /** The message without the gs2 header; part of the AuthMessage. */
  readonly bare: string;
}

export function parseClientFirst(message: string): ClientFirst {
  const match = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(message);
  if (!match)
    throw new ScramFailure('client-first-message lacks a gs2 header without channel binding');
  if (match[2] !== undefined) throw new ScramFailure('an authorization identity is not supported');
  const bare = match[3] ?? '';
  const attributes = bare.split(',');
  const user = /^n=(.+)$/s.exec(attributes[0] ?? '');
  const nonce = /^r=([\x21-\x2b\x2d-\x7e]+)$/.exec(attributes[1] ?? '');
  if (!user?.[1] || !nonce?.[1]) throw new ScramFailure('client-first-message is malformed');
  if (attributes.slice(2).some((a) => a.startsWith('m='))) {
    throw new ScramFailure('mandatory extensions are not supported');
  }
  return {
    username: decodeSaslName(user[1]),
    clientNonce: nonce[1],
    gs2Header: `${match[1]},,`,
    bare,
  };
}

/** `saslname` of RFC 5802: `,` and `=` travel as `=2C` and `=3D`; any other `=` is invalid. */
function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new ScramFailure('the username is not a valid saslname');
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/**
 * The server side of one SCRAM-SHA-256 exchange, after the client's first message:
 * {@link serverFirst} is sent back, {@link verifyClientFinal} checks the proof and
 * returns the server's signature.
 */
export class ScramConversation {
  readonly serverFirst: string;
  private readonly nonce: string;

  constructor(
    private readonly client: ClientFirst,
    private readonly credentials: ScramCredentials,
    serverNonce: string = randomBytes(24).toString('base64'),
  ) {
    this.nonce = client.clientNonce + serverNonce;
    this.serverFirst =
      `r=${this.nonce},s=${credentials.salt.toString('base64')},` +
      `i=${credentials.iterationCount}`;
  }

  /** Checks `c=…,r=…,p=…`; returns the server-final-message `v=…`. Throws {@link ScramFailure}. */
  verifyClientFinal(message: string): string {
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramFailure('client-final-message has no proof');
    const withoutProof = message.slice(0, proofAt);
    const [binding, nonce] = withoutProof.split(',');
    if (binding !== `c=${Buffer.from(this.client.gs2Header).toString('base64')}`) {
      throw new ScramFailure('channel binding does not match the gs2 header');
    }
    if (nonce !== `r=${this.nonce}`) throw new ScramFailure('nonce mismatch');
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    const { storedKey, serverKey } = this.credentials;
    if (proof.length !== storedKey.length) throw new ScramFailure('proof of the wrong length');
    const authMessage = `${this.client.bare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = (proof[i] ?? 0) ^ (signature[i] ?? 0);
    if (!timingSafeEqual(sha256(clientKey), storedKey)) throw new ScramFailure('wrong proof');
    return `v=${hmac(serverKey, authMessage).toString('base64')}`;
  }
}
