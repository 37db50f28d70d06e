/**
 * Several sandbox broker nodes in one process, behind the one SandboxBroker interface (module 5):
 * one record (each entry says its node), one clock, one set of instruments, links to a node by
 * name, nodes stopped and started at will, clusters and bridges.
 *
 * Nodes naming the same `cluster` are a cluster in aedes' own model (the one aedes' Redis and
 * MongoDB modules scale out with): their aedes instances share the message emitter and the
 * persistence, so a message published on any node reaches every subscriber once, and sessions,
 * queued messages and retained messages live in the one store. The sandbox layer's session state
 * (stored sessions, unacknowledged packet ids, will and expiry timers) is shared the same way.
 * Nodes without a common cluster are independent brokers, which bridges can connect.
 */
import { Aedes } from 'aedes';
import type { Duplex } from 'readable-stream';
import { createBrokerNode, type BrokerNode, type ClusterShare, type SandboxBroker } from '../broker.ts';
import { createRealClock, createVirtualClock } from '../clock.ts';
import { createDuplexPair } from '../duplex-pair.ts';
import { Instruments, type LinkTarget } from '../instruments.ts';
import type { Link } from '../link.ts';
import type { SandboxBrokerOptions } from '../options.ts';
import { Recorder } from '../recorder.ts';
import { SessionTimers } from '../session-timers.ts';
import { topicMatches } from '../topic-match.ts';
import { startBridge, type RunningBridge } from './bridge.ts';
import { nodeEmitter, type MessageEmitter } from './node-emitter.ts';

/** Checks the node and bridge lists; throws a message that names the mistake. */
export function checkTopology(options: SandboxBrokerOptions): void {
  const nodes = options.nodes ?? [];
  if (nodes.length === 0) throw new Error('options.nodes: a run with several nodes needs at least one');
  const names = new Set<string>();
  for (const node of nodes) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(node.name)) throw new Error(`options.nodes: "${node.name}" is not a node name (letters, digits, -)`);
    if (names.has(node.name)) throw new Error(`options.nodes: the name "${node.name}" is used twice`);
    names.add(node.name);
  }
  const clusterOf = new Map(nodes.map((node) => [node.name, node.cluster]));
  for (const bridge of options.bridges ?? []) {
    for (const end of [bridge.local, bridge.remote]) {
      if (!names.has(end)) throw new Error(`bridge "${bridge.name}": there is no node "${end}" (nodes: ${[...names].join(', ')})`);
    }
    if (bridge.local === bridge.remote) throw new Error(`bridge "${bridge.name}": local and remote are the same node`);
    const cluster = clusterOf.get(bridge.local);
    if (cluster !== undefined && cluster === clusterOf.get(bridge.remote)) {
      throw new Error(`bridge "${bridge.name}": ${bridge.local} and ${bridge.remote} are in the same cluster, which shares its messages already`);
    }
    if (bridge.topics.length === 0) throw new Error(`bridge "${bridge.name}": no topic lines, so nothing would cross`);
  }
}

export function createBrokerLab(options: SandboxBrokerOptions): SandboxBroker {
  checkTopology(options);
  const { nodes: specs = [], bridges: bridgeSpecs = [], ...nodeOptions } = options;
  const clock = options.clock === 'virtual' ? createVirtualClock() : createRealClock();
  const recorder = new Recorder(() => clock.now(), options.recordLimits);
  clock.onAdvance = (ms) => recorder.event({ event: 'clock-advanced', reason: `clock advanced ${ms} ms`, detail: { ms } });
  const running = new Map<string, BrokerNode>();
  let nextLinkId = 1;
  const instruments = new Instruments(
    { recorder, now: () => clock.now(), cutLinks: (target: LinkTarget) => [...running.values()].flatMap((node) => node.cutLinks(target)) },
    options.seed ?? 1,
  );

  const clusters = new Map<string, ClusterShare>();
  const clusterMembers = (cluster: string): BrokerNode[] =>
    specs.filter((spec) => spec.cluster === cluster).flatMap((spec) => running.get(spec.name) ?? []);
  const shareFor = (cluster: string): ClusterShare => {
    const existing = clusters.get(cluster);
    if (existing) return existing;
    // aedes builds the emitter it would use alone (mqemitter, matching empty levels as
    // [MQTT-4.7.1-3] asks); borrowing it keeps the cluster's nodes on exactly that emitter.
    const emitter = (new Aedes({ drainTimeout: 0 } as never) as unknown as { mq: MessageEmitter }).mq;
    const anyNode = (): BrokerNode | undefined => clusterMembers(cluster)[0];
    const share: ClusterShare = {
      emitterFor: () => nodeEmitter(emitter),
      persistence: undefined,
      sessions: {
        stored: new Set(),
        unacknowledged: new Map(),
        // Will and expiry timers belong to the cluster: they act through whichever node is up.
        timers: new SessionTimers(clock, recorder, {
          publishWill: (clientId, username, will) => anyNode()?.publishWill(clientId, username, will),
          endSession: async (clientId) => {
            await anyNode()?.endSession(clientId);
          },
        }),
      },
      connectedLink: (clientId): Link | undefined => {
        for (const node of clusterMembers(cluster)) {
          const link = node.connectedHere(clientId);
          if (link) return link;
        }
        return undefined;
      },
    };
    clusters.set(cluster, share);
    return share;
  };

  const startNodeNow = (name: string): BrokerNode => {
    const spec = specs.find((candidate) => candidate.name === name);
    if (!spec) throw new Error(`there is no node "${name}" (nodes: ${specs.map((candidate) => candidate.name).join(', ')})`);
    const node = createBrokerNode(nodeOptions, {
      name,
      record: recorder,
      clock,
      instruments,
      nextLinkId: () => nextLinkId++,
      ...(spec.cluster === undefined ? {} : { cluster: shareFor(spec.cluster) }),
    });
    running.set(name, node);
    return node;
  };

  const firstNode = specs[0]?.name ?? '';
  const handle = (stream: Duplex, node: string = firstNode): number => {
    const target = running.get(node) ?? (specs.some((spec) => spec.name === node) ? undefined : running.get(firstNode));
    if (!target) {
      // A stopped node refuses connections, as a dead host does: the client sees the stream close.
      recorder.event({ event: 'connection-refused', node, reason: `node ${node} is stopped` });
      stream.destroy();
      return 0;
    }
    return target.handle(stream);
  };
  const connectLink = (node?: string): { stream: Duplex; linkId: number } => {
    const [clientEnd, brokerEnd] = createDuplexPair();
    return { stream: clientEnd, linkId: handle(brokerEnd, node) };
  };

  for (const spec of specs) startNodeNow(spec.name);
  const bridges: RunningBridge[] = [];
  const nodesReady = Promise.all([...running.values()].map((node) => node.ready));
  const ready = nodesReady.then(async () => {
    for (const spec of bridgeSpecs) bridges.push(await startBridge(spec, (node) => connectLink(node).stream));
    await Promise.all(bridges.map((bridge) => bridge.ready));
  });

  return {
    recorder,
    instruments,
    clock,
    ready,
    nodeNames: specs.map((spec) => spec.name),
    // MQTT-SN clients reach the gateway of the first node, as links that name no node do.
    get mqttSn() {
      const node = running.get(firstNode);
      if (!node) throw new Error(`node ${firstNode} is stopped: its MQTT-SN gateway is down`);
      return node.mqttSn;
    },
    connectLink,
    handle,
    topicMatches,
    async stopNode(name) {
      const node = running.get(name);
      if (!node) return;
      running.delete(name);
      await node.stop();
      recorder.event({ event: 'node-stopped', node: name, reason: 'its connections were cut, as in a crash' });
    },
    async startNode(name) {
      if (running.has(name)) return;
      const node = startNodeNow(name);
      await node.ready;
      recorder.event({ event: 'node-started', node: name, reason: 'accepting connections again' });
    },
    restart() {
      return Promise.reject(new Error('a run with several nodes stops and starts nodes (stopNode, startNode) instead of restarting'));
    },
    // A state file (`npm run broker -- --persist`) belongs to one broker; a run with several nodes lives in a page.
    exportState() {
      return Promise.reject(new Error('a run with several nodes has no state file: export the state of a single broker'));
    },
    importState() {
      return Promise.reject(new Error('a run with several nodes has no state file: import into a single broker'));
    },
    async close() {
      await Promise.all(bridges.map((bridge) => bridge.close()));
      for (const share of clusters.values()) share.sessions.timers.clear();
      await Promise.all([...running.values()].map((node) => node.close()));
      running.clear();
    },
  };
}
