/** Subgraph name → GraphQL endpoint, from `SUBGRAPH_URLS` (`users=http://users:4001/graphql,…`). */
export type SubgraphUrls = Readonly<Record<string, string>>;

export type SubgraphUrlsParse = { ok: true; urls: SubgraphUrls } | { ok: false; problem: string };

const subgraphName = /^[A-Za-z_][\w-]*$/;
const httpUrl = /^https?:\/\/.+/;

/** Parses `name=url,name=url`; blanks between commas are ignored. */
export function parseSubgraphUrls(value: string): SubgraphUrlsParse {
  const urls: Record<string, string> = {};
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    const name = separator > 0 ? entry.slice(0, separator).trim() : '';
    const url = separator > 0 ? entry.slice(separator + 1).trim() : '';
    if (!subgraphName.test(name) || !httpUrl.test(url)) {
      return { ok: false, problem: `expected name=http(s)://url pairs separated by commas` };
    }
    if (name in urls) return { ok: false, problem: `subgraph "${name}" is listed twice` };
    urls[name] = url;
  }
  return { ok: true, urls };
}
