import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

interface Reading {
  sensor: string;
  seq: number;
  celsius: number;
}

const READINGS: Reading[] = [
  { sensor: 's1', seq: 1, celsius: 20.5 },
  { sensor: 's2', seq: 1, celsius: 18.25 },
  { sensor: 's1', seq: 2, celsius: 20.75 },
  { sensor: 's2', seq: 2, celsius: 18.5 },
  { sensor: 's1', seq: 3, celsius: 21 },
  { sensor: 's2', seq: 3, celsius: 18.75 },
];
const READING_INTERVAL_MS = 80;
/** The warehouse API is a little slow: every write takes this long. */
const WRITE_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isReading = (value: unknown): value is Reading =>
  typeof value === 'object' && value !== null &&
  typeof (value as Reading).sensor === 'string' && typeof (value as Reading).seq === 'number' && typeof (value as Reading).celsius === 'number';

/**
 * A warehouse REST API and two MQTT peers. The field sensors publish six readings at QoS 1 once
 * the bridge says `online`. The API stores readings idempotently (by sensor and seq), answers the
 * first write of s1's third reading with 503, and — once two readings are stored — has one command
 * for device s2 waiting at GET /api/commands until the bridge acknowledges it.
 */
const scenario: Scenario = async (lab) => {
  const stored = new Map<string, Reading>();
  const commands = [{ id: 'c-1', device: 's2', action: 'calibrate' }];
  const acknowledged = new Set<string>();
  let busyOnce = true;

  lab.http.route('POST /api/readings', async (request) => {
    const reading = request.json();
    if (!isReading(reading)) return { status: 422, json: { error: 'expected { sensor, seq, celsius }' } };
    await sleep(WRITE_MS);
    if (busyOnce && reading.sensor === 's1' && reading.seq === 3) {
      busyOnce = false;
      return { status: 503, headers: { 'retry-after': '0' }, json: { error: 'warehouse busy, try again' } };
    }
    const key = `${reading.sensor}/${reading.seq}`;
    if (stored.has(key)) return { status: 200, json: { stored: key, duplicate: true } };
    stored.set(key, reading);
    return { status: 201, json: { stored: key } };
  });
  lab.http.route('GET /api/commands', () => ({
    json: stored.size >= 2 ? commands.filter((command) => !acknowledged.has(command.id)) : [],
  }));
  lab.http.route('POST /api/commands/:id/ack', (request) => {
    const id = request.params['id'] ?? '';
    if (!commands.some((command) => command.id === id)) return { status: 404, json: { error: `no command ${id}` } };
    acknowledged.add(id);
    return { status: 204 };
  });

  const device = await lab.connect({ clientId: 'device-s2', reconnectPeriod: 0 });
  await device.subscribeAsync('site/s2/commands', { qos: 1 });
  const sensors = await lab.connect({ clientId: 'field-sensors', reconnectPeriod: 0 });
  let started = false;
  sensors.on('message', () => {
    if (started) return;
    started = true;
    void (async () => {
      for (const reading of READINGS) {
        sensors.publish(`site/${reading.sensor}/temperature`, JSON.stringify(reading), { qos: 1 });
        await sleep(READING_INTERVAL_MS);
      }
    })();
  });
  await sensors.subscribeAsync('bridge/status', { qos: 1 });
};

export default scenario;
