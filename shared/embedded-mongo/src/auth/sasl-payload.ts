import { Binary } from 'bson';

/** A SASL payload as the driver sends it (BinData) or as some shells do (a string). */
export function payloadText(value: unknown): string | undefined {
  if (value instanceof Binary) return Buffer.from(value.buffer).toString('utf8');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'string') return value;
  return undefined;
}

export function payloadBinary(text: string): Binary {
  return new Binary(Buffer.from(text, 'utf8'));
}
