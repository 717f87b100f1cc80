import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * The client side of SCRAM-SHA-256 written from RFC 5802 §3 (ASCII passwords only, so
 * SASLprep is the identity), for wire-level tests that drive the exchange by hand.
 */
export class ScramClient {
  readonly nonce = randomBytes(18).toString('base64');
  readonly first: string;
  private serverFirst = '';
  private authMessage = '';
  private saltedPassword: Buffer = Buffer.alloc(0);

  constructor(
    username: string,
    private readonly password: string,
  ) {
    this.first = `n=${username},r=${this.nonce}`;
  }

  clientFirst(): string {
    return `n,,${this.first}`;
  }

  /** The client-final-message for the server's first message. */
  clientFinal(serverFirst: string): string {
    this.serverFirst = serverFirst;
    const fields = Object.fromEntries(serverFirst.split(',').map((p) => [p[0], p.slice(2)]));
    const salt = Buffer.from(fields.s!, 'base64');
    this.saltedPassword = pbkdf2Sync(this.password, salt, Number(fields.i), 32, 'sha256');
    const withoutProof = `c=biws,r=${fields.r}`;
    this.authMessage = `${this.first},${serverFirst},${withoutProof}`;
    const clientKey = hmac(this.saltedPassword, 'Client Key');
    const signature = hmac(createHash('sha256').update(clientKey).digest(), this.authMessage);
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]!));
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** The `v=` the server must answer. */
  expectedServerFinal(): string {
    const serverKey = hmac(this.saltedPassword, 'Server Key');
    return `v=${hmac(serverKey, this.authMessage).toString('base64')}`;
  }
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
