/** `mongodb://user:password@host:port/db`, with both parts percent-encoded. */
export function credentialUri(uri: string, username: string, password: string, db: string): string {
  const url = new URL(`${uri}/${db}`);
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password);
  return url.toString();
}
