import { describe, expect, it } from 'vitest';
import {
  parseClientFirst,
  ScramConversation,
  ScramFailure,
} from '../src/auth/scram-conversation.js';
import { credentialsWithSalt } from '../src/auth/scram-credentials.js';

// The SCRAM-SHA-256 exchange of RFC 7677 section 3 (user "user", password "pencil").
const clientFirst = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const serverNonce = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const serverFirst =
  'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
const clientFinal =
  'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,' +
  'p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const serverFinal = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

function conversation(password = 'pencil') {
  const credentials = credentialsWithSalt(
    password,
    Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
    4096,
  );
  return new ScramConversation(parseClientFirst(clientFirst), credentials, serverNonce);
}

describe('SCRAM-SHA-256 server (RFC 7677 test vector)', () => {
  it('when the client sends the RFC messages, then the server answers exactly the RFC messages', () => {
    const scram = conversation();
    expect(scram.serverFirst).toBe(serverFirst);
    expect(scram.verifyClientFinal(clientFinal)).toBe(serverFinal);
  });

  it('when the stored password differs, then the same proof is refused', () => {
    expect(() => conversation('pencil2').verifyClientFinal(clientFinal)).toThrow(ScramFailure);
  });

  it('when the proof, nonce or channel binding is altered, then the exchange fails', () => {
    const altered = [
      clientFinal.replace('p=dHzb', 'p=eHzb'),
      clientFinal.replace('hNlF$k0', 'hNlF$k1'),
      clientFinal.replace('c=biws', 'c=eSws'),
      clientFinal.replace(/,p=.*$/, ''),
    ];
    for (const message of altered) {
      expect(() => conversation().verifyClientFinal(message), message).toThrow(ScramFailure);
    }
  });

  it('when the client-first message is malformed, then it is refused before any key is used', () => {
    for (const message of [
      'n=user,r=abc',
      'p=tls-unique,,n=user,r=abc',
      'n,a=admin,n=user,r=abc',
      'n,,n=us=er,r=abc',
      'n,,n=user,r=abc,m=ext',
      'n,,r=abc',
    ]) {
      expect(() => parseClientFirst(message), message).toThrow(ScramFailure);
    }
    expect(parseClientFirst('n,,n=a=2Cb=3Dc,r=xyz').username).toBe('a,b=c');
  });
});
