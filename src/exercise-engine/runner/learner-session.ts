/**
 * One run inside the learner worker, the same in the browser and in Node: starts the scenario's
 * peers, evaluates the learner's code with the sandbox `mqtt` module and a captured console,
 * decides when the run is over and reports the outcome to the host.
 *
 * The run is over when the top-level code has finished and either every client it created has
 * ended or nothing has moved on their connections for `idleMs`; or, for exercises that set
 * `afterMs`, at that time. An error nothing caught ends it at once. The host enforces the time
 * limit (it can terminate this worker; this code cannot stop itself out of an infinite loop).
 */
import type { IStream, MqttClient } from 'mqtt';
import type { RunOutcome } from '../../../sandbox-broker/src/record-types.ts';
import { brokerNodeStreamBuilder, controlNode, snSocketBuilder } from '../../../sandbox-broker/src/browser/client-stream.ts';
import type { MqttSnClient } from '../../../sandbox-broker/src/mqtt-sn/client.ts';
import { evaluateLearnerCode, learnerLine } from '../runtime/evaluate.ts';
import { createLearnerConsole } from '../runtime/learner-console.ts';
import { createLearnerMqtt } from '../runtime/learner-mqtt.ts';
import { HEARTBEAT_MS, type StartMessage, type WorkerToHost } from './run-protocol.ts';
import type { ScenarioContext, ScenarioHandle, ScenarioModule } from './scenario-types.ts';
import { createLabHttp } from './lab/lab-http.ts';
import { createLabClient, type LabClient, type LabClientPort } from './lab/scenario-lab.ts';

export interface SessionEnvironment {
  post(message: WorkerToHost): void;
  loadScenario(ref: string): Promise<ScenarioModule>;
  /** Registers the listener for errors nothing caught (uncaught exceptions, unhandled rejections). */
  onUncaught(listener: (error: unknown) => void): void;
}

const END_POLL_MS = 10;

/** The scenario's context: its peers' `connect`, and faults, waits and HTTP routes through the lab port. */
function scenarioContext(connect: ScenarioContext['connect'], lab: LabClient, http: ScenarioContext['http']): Omit<ScenarioContext, 'stopNode' | 'startNode'> {
  return {
    connect,
    cutLink: (clientId) => lab.call({ op: 'cutLink', clientId }),
    restartBroker: ({ keepSessions }) => lab.call({ op: 'restartBroker', keepSessions }),
    dropNext: (type, filter = {}) => lab.call({ op: 'dropNext', type, filter }),
    refuseConnections: (ms, filter = {}) => lab.call({ op: 'refuseConnections', ms, ...filter }),
    async wait(ms) {
      await lab.record({ event: 'instrument', reason: `scenario waits ${ms} ms`, detail: { instrument: 'wait', ms } });
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    http,
  };
}

/** A host that gives no lab port (none today) still runs scenarios that use no fault. */
const noLab: LabClient = {
  call: () => Promise.reject(new Error('this run has no lab port: faults and HTTP are unavailable')),
  record: () => Promise.resolve(),
};
const SCENARIO_END_GRACE_MS = 200;
/** Peers that received nothing for this long have received what the learner's last packets set off. */
const PEER_QUIET_MS = 30;

function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The outcome must cross a worker boundary: keep only a structured-clone-safe returned value. */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

function endWithin(client: MqttClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.end(true);
      resolve();
    }, ms);
    client.end(false, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function runLearnerSession(start: StartMessage, environment: SessionEnvironment): Promise<void> {
  const openLink = brokerNodeStreamBuilder(start.connector) as unknown as (node?: string) => IStream;
  // The first beat says the worker is up; from then on, silence means the code does not yield.
  environment.post({ type: 'heartbeat' });
  const heartbeat = setInterval(() => environment.post({ type: 'heartbeat' }), HEARTBEAT_MS);
  const startedAt = Date.now();

  const learnerClients = new Set<MqttClient>();
  const endedClients = new Set<MqttClient>();
  let lastActivity = startedAt;
  const learnerMqtt = createLearnerMqtt(openLink, (client) => {
    learnerClients.add(client);
    const touch = (): void => {
      lastActivity = Date.now();
    };
    client.on('packetsend', touch);
    client.on('packetreceive', touch);
    client.on('end', () => {
      endedClients.add(client);
      // The last client's end is the usual end of a run: seen at once, not at the next poll.
      checkEnd();
    });
  });
  // MQTT-SN clients count like MQTT ones: their datagrams are activity, and the run can end once all
  // have ended. The module is loaded only for code that names it: most runs never use it, and every
  // module a worker loads adds to its start-up time.
  const snClients = new Set<MqttSnClient>();
  const learnerMqttSn = /mqtt-sn/.test(start.code)
    ? (await import('../runtime/learner-mqtt-sn.ts')).createLearnerMqttSn(snSocketBuilder(start.connector), (client) => {
        snClients.add(client);
        client.onActivity(() => {
          lastActivity = Date.now();
        });
      })
    : undefined;
  const scenarioClients: MqttClient[] = [];
  let peerActivity = startedAt;
  const scenarioMqtt = createLearnerMqtt(openLink, (client) => {
    scenarioClients.push(client);
    client.on('packetreceive', () => {
      peerActivity = Date.now();
    });
    environment.post({ type: 'peer', clientId: client.options.clientId ?? '' });
  });
  const learnerConsole = createLearnerConsole((level, text) => environment.post({ type: 'console', level, text }));
  const lab = start.lab ? createLabClient(start.lab as unknown as LabClientPort) : noLab;
  const http = createLabHttp(lab.record);
  // No network from here: learner code (and anything it calls) reaches only the in-page API.
  globalThis.fetch = http.fetch;

  let settle: (outcome: RunOutcome) => void = () => undefined;
  const finished = new Promise<RunOutcome>((resolve) => {
    settle = resolve;
  });
  const threw = async (error: unknown, prefix = ''): Promise<void> => {
    const line = await learnerLine(error);
    const outcome: RunOutcome = { status: 'threw', message: `${prefix}${errorMessage(error)}` };
    if (line !== undefined) outcome.line = line;
    settle(outcome);
  };
  environment.onUncaught((error) => void threw(error));

  let scenario: ScenarioHandle | void = undefined;
  let scenarioStarted = true;
  if (start.scenario !== undefined) {
    try {
      const module = await environment.loadScenario(start.scenario);
      scenario = await module.default({
        ...scenarioContext((options) => scenarioMqtt.connectAsync(options, undefined, false), lab, http.api),
        stopNode: (node) => controlNode(start.connector, 'stop-node', node),
        startNode: (node) => controlNode(start.connector, 'start-node', node),
      });
    } catch (error) {
      scenarioStarted = false;
      settle({ status: 'threw', message: `The exercise's scenario failed to start: ${errorMessage(error)}` });
    }
  }

  let topLevel: { done: false } | { done: true; at: number; returned: unknown } = { done: false };
  const require = (specifier: string): unknown => {
    if (specifier === 'mqtt') return learnerMqtt.module;
    if (specifier === 'mqtt-sn' && learnerMqttSn) return learnerMqttSn.module;
    throw new Error(`Only 'mqtt' and 'mqtt-sn' can be imported here, not ${JSON.stringify(specifier)}`);
  };
  // Without its scenario the exercise cannot behave as intended: the learner's code is not run.
  if (scenarioStarted) evaluateLearnerCode(start.code, { require, console: learnerConsole, fetch: http.fetch }).then(
    (returned) => {
      topLevel = { done: true, at: Date.now(), returned };
      checkEnd();
    },
    (error: unknown) => void threw(error),
  );

  function checkEnd(): void {
    const now = Date.now();
    if (start.afterMs !== undefined && now - startedAt >= start.afterMs) {
      settle(topLevel.done ? { status: 'completed', returned: cloneable(topLevel.returned) } : { status: 'completed' });
      return;
    }
    if (start.afterMs !== undefined || !topLevel.done) return;
    const allEnded = [...learnerClients].every((client) => endedClients.has(client)) && [...snClients].every((client) => client.ended);
    if (allEnded || now - Math.max(lastActivity, topLevel.at) >= start.idleMs) {
      settle({ status: 'completed', returned: cloneable(topLevel.returned) });
    }
  }
  const endWatch = setInterval(checkEnd, END_POLL_MS);

  const outcome = await finished;
  clearInterval(endWatch);
  // The learner's last QoS 0 publish may still be on its way to a peer: let it arrive (and be
  // recorded) before the peers end, so checks about what a peer received see it.
  if (scenarioClients.length > 0) {
    const deadline = Date.now() + SCENARIO_END_GRACE_MS;
    peerActivity = Math.max(peerActivity, Date.now());
    while (Date.now() < deadline && Date.now() - peerActivity < PEER_QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, END_POLL_MS));
    }
  }
  try {
    await scenario?.stop?.();
  } catch (error) {
    learnerConsole.warn(`(the scenario did not stop cleanly: ${errorMessage(error)})`);
  }
  await Promise.all(scenarioClients.map((client) => endWithin(client, SCENARIO_END_GRACE_MS)));
  for (const client of snClients) if (!client.ended) client.end();
  clearInterval(heartbeat);
  environment.post({ type: 'finished', outcome });
}
