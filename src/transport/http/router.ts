import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DomainError } from '../../domain/errors.ts';
import type { ObjectSchema } from '../../tools/json-schema.ts';
import type { InputGate } from '../input-gate.ts';
import { QUERIES } from './request-schemas.ts';

export interface RouteContext<Query = Record<string, unknown>, Body = undefined> {
  requestId: string;
  /** Path parameters, decoded and passed through the route's `params` schema. */
  params: Record<string, string>;
  /** The query string, passed through the route's `query` schema (no schema: no parameters allowed). */
  query: Query;
  /**
   * Read the JSON body (bounded in size and time) and pass it through the route's `body`
   * schema. Handlers call it after authenticating, so a stranger's body is never read.
   * Routes without a body schema read their raw body themselves, if at all.
   */
  body: () => Promise<Body>;
  url: URL;
  logger: Logger;
  /** The client's address (see TRUST_PROXY_HOPS). */
  clientAddress: string;
}

export type RouteHandler<Query = Record<string, unknown>, Body = undefined> = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext<Query, Body>) => Promise<void>;

/** The inputs a route accepts. Every route goes through the gate: what it does not declare, it refuses. */
export interface RouteSchemas {
  params?: ObjectSchema;
  query?: ObjectSchema;
  /** A JSON body, read through `ctx.body()`. */
  body?: ObjectSchema;
}

/** Reads a request's JSON body (size- and time-bounded); supplied by the server. */
export type JsonBodyReader = (req: IncomingMessage) => Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  name: string;
  handler: RouteHandler<unknown, unknown>;
  checkParams: (value: unknown) => Record<string, string>;
  checkQuery: (params: URLSearchParams) => unknown;
  checkBody: ((value: unknown) => unknown) | null;
}

export interface MatchedRoute {
  name: string;
  /** Check the request's path parameters, query and (when the route has one) JSON body, then run the handler. */
  run(req: IncomingMessage, res: ServerResponse, ctx: Omit<RouteContext, 'params' | 'query' | 'body'>, readJson: JsonBodyReader): Promise<void>;
}

/** Method + path matching with `:param` segments, and the input gate for every route. */
export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly gate: InputGate) {}

  add<Query = Record<string, unknown>, Body = undefined>(method: string, path: string, handler: RouteHandler<Query, Body>, schemas: RouteSchemas = {}): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' +
        path.replace(/:([a-z_]+)/g, (_, key: string) => {
          keys.push(key);
          return '([^/]+)';
        }) +
        '/?$',
    );
    const params = schemas.params ?? { type: 'object', properties: Object.fromEntries(keys.map((key) => [key, { type: 'string', minLength: 1, maxLength: 200 }])), additionalProperties: false };
    this.routes.push({
      method,
      pattern,
      keys,
      name: path,
      handler: handler as RouteHandler<unknown, unknown>,
      checkParams: this.gate.compile<Record<string, string>>(params, 'path'),
      checkQuery: this.gate.compileQuery(schemas.query ?? QUERIES.none),
      checkBody: schemas.body ? this.gate.compile(schemas.body, '') : null,
    });
    return this;
  }

  /**
   * The matching route, `method_not_allowed` when only the method differs, or null.
   * A path parameter that is not valid percent-encoding is a `bad_request`.
   */
  match(method: string, pathname: string): MatchedRoute | 'method_not_allowed' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const raw: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        raw[key] = decodeSegment(match[index + 1] ?? '', key);
      });
      return {
        name: route.name,
        run: async (req, res, ctx, readJson) => {
          const params = route.checkParams(raw);
          const query = route.checkQuery(ctx.url.searchParams);
          const { checkBody } = route;
          const body = async () => {
            if (!checkBody) throw new Error(`route ${route.method} ${route.name} declares no JSON body`);
            return checkBody(await readJson(req));
          };
          await route.handler(req, res, { ...ctx, params, query, body });
        },
      };
    }
    return pathMatched ? 'method_not_allowed' : null;
  }
}

function decodeSegment(segment: string, key: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new DomainError('bad_request', 'The URL is malformed: a path segment is not valid percent-encoding.', { cause: error, details: { [`path.${key}`]: 'is not valid percent-encoding' } });
  }
}
