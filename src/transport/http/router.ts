import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export interface RouteContext {
  requestId: string;
  params: Record<string, string>;
  url: URL;
  logger: Logger;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  name: string;
  handler: RouteHandler;
}

/** Method + path matching with `:param` segments; nothing more. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' +
        path.replace(/:([a-z_]+)/g, (_, key: string) => {
          keys.push(key);
          return '([^/]+)';
        }) +
        '/?$',
    );
    this.routes.push({ method, pattern, keys, name: path, handler });
    return this;
  }

  /** The matching route, `method_not_allowed` when only the method differs, or null. */
  match(method: string, pathname: string): { route: Route; params: Record<string, string> } | 'method_not_allowed' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(match[index + 1] ?? '');
      });
      return { route, params };
    }
    return pathMatched ? 'method_not_allowed' : null;
  }
}
