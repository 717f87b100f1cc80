import { endSessionPath, sessionPath } from './dashboard-paths.js';

export interface SignInPageOptions {
  basePath: string;
  /** Why the last attempt failed (shown escaped). */
  error?: string;
}

/**
 * The dashboard's sign-in page: a form that trades an ADMIN access token (from the
 * `logIn` mutation) for a session cookie, and one that ends the session. No script.
 */
export function signInPage({ basePath, error }: SignInPageOptions): string {
  const action = escapeHtml(`${basePath}${sessionPath}`);
  const end = escapeHtml(`${basePath}${endSessionPath}`);
  const problem = error === undefined ? '' : `<p role="alert">${escapeHtml(error)}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>fedshop queues — sign in</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
textarea { width: 100%; font-family: monospace; }
p[role=alert] { color: #b00020; }
</style>
</head>
<body>
<h1>Queue dashboard</h1>
<p>Paste the access token of an ADMIN account (the <code>token</code> field of the
<code>logIn</code> mutation). It opens a session for this dashboard only.</p>
${problem}
<form method="post" action="${action}">
<textarea name="token" rows="6" required autocomplete="off" spellcheck="false"></textarea>
<p><button type="submit">Open the dashboard</button></p>
</form>
<form method="post" action="${end}"><button type="submit">Sign out</button></form>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}
