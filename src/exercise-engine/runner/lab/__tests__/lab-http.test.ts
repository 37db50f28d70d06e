import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../../../sandbox-broker/src/recorder.ts';
import { createLabHttp } from '../lab-http.ts';

function server() {
  const recorded: NewEvent[] = [];
  const lab = createLabHttp(async (event) => {
    recorded.push(event);
  });
  return { lab, recorded };
}

describe('the in-page HTTP API', () => {
  it('routes by method and path, passes :params, query and JSON body, and answers JSON', async () => {
    const { lab, recorded } = server();
    lab.api.route('POST /api/devices/:id/readings', (request) => ({
      status: 201,
      json: { device: request.params['id'], got: request.json(), unit: request.query.get('unit') },
    }));
    const response = await lab.fetch('http://api.lab/api/devices/meter-7/readings?unit=kWh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 3.5 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ device: 'meter-7', got: { value: 3.5 }, unit: 'kWh' });
    expect(recorded.map((event) => [event.event, event.detail?.['method'], event.detail?.['status'], event.detail?.['body']])).toEqual([
      ['http-request', 'POST', undefined, '{"value":3.5}'],
      ['http-response', 'POST', 201, '{"device":"meter-7","got":{"value":3.5},"unit":"kWh"}'],
    ]);
    expect(recorded[0]?.detail?.['id']).toBe(recorded[1]?.detail?.['id']);
  });

  it('answers 404 for an unknown path, 405 for a known path with another method, 400 for a body that is not JSON, 500 when the handler throws', async () => {
    const { lab } = server();
    lab.api.route('POST /api/readings', (request) => ({ json: request.json() }));
    lab.api.route('GET /api/boom', () => {
      throw new Error('database is down');
    });
    expect((await lab.fetch('http://api.lab/nowhere')).status).toBe(404);
    expect((await lab.fetch('http://api.lab/api/readings')).status).toBe(405);
    expect((await lab.fetch('http://api.lab/api/readings', { method: 'POST', body: 'not json' })).status).toBe(400);
    const boom = await lab.fetch('http://api.lab/api/boom');
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ error: 'database is down' });
  });

  it('waits for each event to be recorded before the learner sees the response', async () => {
    const order: string[] = [];
    const lab = createLabHttp(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(event.event);
    });
    lab.api.route('GET /api/x', () => {
      order.push('handler');
      return { status: 204 };
    });
    const response = await lab.fetch('http://api.lab/api/x');
    order.push(`learner got ${response.status}`);
    expect(order).toEqual(['http-request', 'handler', 'http-response', 'learner got 204']);
  });

  it('reaches no other host: the fetch fails as a network error would, and the attempt is recorded', async () => {
    const { lab, recorded } = server();
    await expect(lab.fetch('https://example.com/')).rejects.toThrow(/only http:\/\/api\.lab\/ can be reached/);
    expect(recorded.map((event) => [event.event, event.detail?.['status']])).toEqual([['http-request', undefined], ['http-response', 0]]);
  });

  it('refuses a malformed route spec with a message that shows the form', () => {
    const { lab } = server();
    expect(() => lab.api.route('/api/readings', () => ({}))).toThrow(/"METHOD \/path"/);
  });
});
