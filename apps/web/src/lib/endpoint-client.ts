/**
 * Calls an endpoint declared in packages/contracts, typed by its declaration: the path filled in
 * from `params`, the query and JSON body sent as declared, and the answer checked against the
 * endpoint's success schema (a server that answers something else is a BAD_RESPONSE, not a
 * crash further on). Errors are {@link ApiRequestError}s, as for every API call.
 */
import {
  type Endpoint,
  type EndpointInput,
  pathOf,
  type ResponseOf,
  type SuccessStatus,
} from '@hatang/contracts';
import { ApiRequestError, type SendOptions, sendJson } from './api-client';

/** The inputs the endpoint declares (params, query, body), each as its schema takes it. */
export type CallInput<E extends Endpoint> = {
  [K in keyof EndpointInput<E> as EndpointInput<E>[K] extends undefined ? never : K]: EndpointInput<E>[K];
};

const SUCCESS = [200, 201, 202, 204];

export async function callEndpoint<E extends Endpoint>(
  endpoint: E,
  input: CallInput<E>,
  options: SendOptions = {},
): Promise<ResponseOf<E, SuccessStatus<E>>> {
  const given: Partial<Record<keyof EndpointInput<E>, unknown>> = input;
  let path = pathOf(endpoint, (given.params ?? {}) as Record<string, string | number>);
  const query = Object.entries((given.query ?? {}) as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  if (query.length) path += `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}`;
  const body = await sendJson(endpoint.method, path, given.body, options);
  const schema = SUCCESS.map((status) => endpoint.responses[status]?.schema).find((s) => s !== undefined);
  if (!schema) return body as ResponseOf<E, SuccessStatus<E>>;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiRequestError(
      200,
      'BAD_RESPONSE',
      `the server's answer is not what ${endpoint.path} declares`,
      path,
    );
  return parsed.data as ResponseOf<E, SuccessStatus<E>>;
}
