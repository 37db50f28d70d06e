/**
 * An in-page HTTP API for exercises that bridge MQTT to other systems. The scenario declares
 * routes (`lab.http.route('POST /api/readings', handler)`); the learner's `fetch('http://api.lab/…')`
 * is served by them inside the learner worker, with no network. Every request and its response
 * are events in the run record ('http-request', 'http-response'), recorded before the learner's
 * code sees the response, so checks can order them against the packets around them.
 */
import type { NewEvent } from '../../../../sandbox-broker/src/recorder.ts';

/** The only host learner code can reach with `fetch`. */
export const LAB_API_HOST = 'api.lab';
/** Bodies longer than this are cut in the record (the learner's code still gets all of it). */
const RECORDED_BODY_LIMIT = 8192;

export interface LabHttpRequest {
  method: string;
  url: string;
  /** The path without the query, e.g. `/api/devices/7/commands`. */
  path: string;
  /** Values of the route's `:name` segments. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON; throws (the learner gets 400) when it is not JSON. */
  json(): unknown;
}

export interface LabHttpReply {
  /** Default 200. */
  status?: number;
  /** Sent as `application/json`. */
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export type LabHttpHandler = (request: LabHttpRequest) => LabHttpReply | Promise<LabHttpReply>;

export interface LabHttp {
  /** `'GET /api/commands'`, `'POST /api/devices/:id/readings'`: a method, a space, a path whose `:name` segments match any one segment. */
  route(spec: string, handler: LabHttpHandler): void;
}

interface Route {
  method: string;
  segments: string[];
  handler: LabHttpHandler;
}

/** Thrown by a handler (or json()) to answer with a status other than 500. */
export class LabHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const ROUTE_SPEC = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)$/;

function parseSpec(spec: string): { method: string; segments: string[] } {
  const match = ROUTE_SPEC.exec(spec.trim());
  if (!match?.[1] || !match[2]) throw new Error(`A route is "METHOD /path" (e.g. "GET /api/commands"), not ${JSON.stringify(spec)}`);
  return { method: match[1], segments: match[2].split('/').filter(Boolean) };
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const actual = path[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

const forRecord = (body: string): string =>
  body.length > RECORDED_BODY_LIMIT ? `${body.slice(0, RECORDED_BODY_LIMIT)}… (${body.length} characters)` : body;

export interface LabHttpServer {
  /** What the scenario sees as `lab.http`. */
  api: LabHttp;
  /** The `fetch` learner code gets. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

/** `record` must resolve once the event is in the record: the response waits for it. */
export function createLabHttp(record: (event: NewEvent) => Promise<void>): LabHttpServer {
  const routes: Route[] = [];
  let nextId = 1;

  const answer = async (request: Request, url: URL, body: string): Promise<{ status: number; body: string; headers: Record<string, string> }> => {
    const path = url.pathname.split('/').filter(Boolean);
    const onPath = routes.map((route) => ({ route, params: matchSegments(route.segments, path) })).filter((found) => found.params !== undefined);
    const found = onPath.find(({ route }) => route.method === request.method);
    if (!found?.params) {
      const status = onPath.length > 0 ? 405 : 404;
      return { status, body: JSON.stringify({ error: status === 404 ? `no route for ${url.pathname}` : `${request.method} is not allowed on ${url.pathname}` }), headers: { 'content-type': 'application/json' } };
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    try {
      const reply = await found.route.handler({
        method: request.method,
        url: url.href,
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        headers,
        body,
        json() {
          try {
            return JSON.parse(body) as unknown;
          } catch {
            throw new LabHttpError(400, 'the request body is not JSON');
          }
        },
      });
      const isJson = reply.json !== undefined;
      return {
        status: reply.status ?? 200,
        body: isJson ? JSON.stringify(reply.json) : (reply.body ?? ''),
        headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...reply.headers },
      };
    } catch (error) {
      const status = error instanceof LabHttpError ? error.status : 500;
      return { status, body: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }), headers: { 'content-type': 'application/json' } };
    }
  };

  const labFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const id = nextId++;
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const about = { id, method: request.method, url: url.href, path: url.pathname };
    await record({ event: 'http-request', reason: `${request.method} ${url.href}`, detail: { ...about, body: forRecord(body) } });
    if (url.hostname !== LAB_API_HOST || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      const message = `fetch failed: only http://${LAB_API_HOST}/ can be reached from the sandbox, not ${url.origin}`;
      await record({ event: 'http-response', reason: message, detail: { ...about, status: 0, error: message } });
      throw new TypeError(message);
    }
    const reply = await answer(request, url, body);
    await record({ event: 'http-response', reason: `${reply.status} for ${request.method} ${url.pathname}`, detail: { ...about, status: reply.status, body: forRecord(reply.body) } });
    const nullBody = reply.status === 204 || reply.status === 304 || request.method === 'HEAD';
    return new Response(nullBody ? null : reply.body, { status: reply.status, headers: reply.headers });
  };

  return {
    api: {
      route(spec, handler) {
        routes.push({ ...parseSpec(spec), handler });
      },
    },
    fetch: labFetch,
  };
}
