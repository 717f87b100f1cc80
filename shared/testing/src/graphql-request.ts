export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

export interface GraphQLRequestOptions {
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  operationName?: string;
}

/** POSTs one GraphQL operation over real HTTP, as a client would. */
export async function graphqlRequest<TData = Record<string, unknown>>(
  url: string,
  query: string,
  { variables, headers = {}, operationName }: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const text = await response.text();
  let body: GraphQLResponse<TData>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<TData>['body'];
  } catch {
    throw new Error(
      `Expected a JSON response from ${url}, got ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * `graphqlRequest` straight to subgraph `audience`, as the gateway would send it: with an
 * internal token for an anonymous caller unless the options carry an Authorization header.
 */
export async function subgraphRequest<TData = Record<string, unknown>>(
  audience: string,
  url: string,
  query: string,
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<TData>> {
  const { internalTokenHeaders } = await import('./internal-token-headers.js');
  const headers = options.headers ?? {};
  const signed = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  return graphqlRequest<TData>(url, query, {
    ...options,
    headers: signed ? headers : { ...internalTokenHeaders(audience, null), ...headers },
  });
}
