import type { Duplex } from 'readable-stream';
import { createSandboxBroker, type SandboxBroker, type SandboxBrokerOptions } from '../index.ts';
import type { RecordEntry } from '../record-types.ts';
import { portDatagramSocket, type DatagramSocket } from '../mqtt-sn/datagram.ts';
import { EntryForwarder } from './entry-forwarder.ts';
import type { ClosablePortLike, MessageEventLike, PortLike } from './port-like.ts';
import { portStream } from './port-stream.ts';
import type { ConnectorMessage, InstrumentCall, WorkerReply, WorkerRequest } from './protocol.ts';

interface Connector {
  readonly port: ClosablePortLike;
  readonly links: Set<Duplex>;
  /** MQTT-SN client sockets attached to the gateway through this connector. */
  readonly snSockets: Set<DatagramSocket>;
  readonly onMessage: (event: MessageEventLike) => void;
}

/**
 * Runs a sandbox broker behind a message endpoint: the worker's global scope in the browser, a
 * MessageChannel port in Node tests. The page drives it with `WorkerRequest`s (see protocol.ts).
 */
export function serveSandboxBroker(endpoint: PortLike): void {
  let broker: SandboxBroker | undefined;
  let forwarder: EntryForwarder | undefined;
  const connectors = new Map<number, Connector>();
  const forwardEntry = (entry: RecordEntry): void => forwarder?.push(entry);

  const current = (): SandboxBroker => {
    if (!broker) throw new Error('the broker has not been started');
    return broker;
  };

  /** Swaps in a fresh broker; the old one's links are dropped when it closes. */
  const replaceBroker = async (options: SandboxBrokerOptions): Promise<void> => {
    const old = broker;
    old?.recorder.off('entry', forwardEntry);
    broker = createSandboxBroker(options);
    broker.recorder.on('entry', forwardEntry);
    if (old) {
      forwarder?.cleared();
      await old.close();
    }
    // A run with bridges is ready once they are connected: the first client must find them there.
    await broker.ready;
  };

  const attachLink = (connector: Connector, port: ClosablePortLike, node: string | undefined): void => {
    const stream = portStream(port);
    connector.links.add(stream);
    stream.once('close', () => connector.links.delete(stream));
    current().handle(stream, node);
  };

  const attachSnSocket = (connector: Connector, port: ClosablePortLike): void => {
    const socket = portDatagramSocket(port);
    connector.snSockets.add(socket);
    socket.onClose(() => connector.snSockets.delete(socket));
    current().mqttSn.attach(socket);
  };

  const addConnector = (connectorId: number, port: ClosablePortLike): void => {
    const connector: Connector = {
      port,
      links: new Set(),
      snSockets: new Set(),
      onMessage: (event) => {
        const message = event.data as ConnectorMessage;
        if (message.type === 'link') attachLink(connector, message.port as unknown as ClosablePortLike, message.node);
        else if (message.type === 'sn-link') attachSnSocket(connector, message.port as unknown as ClosablePortLike);
        else controlNodeFor(message.type, message.node, message.reply as unknown as ClosablePortLike);
      },
    };
    connectors.set(connectorId, connector);
    port.addEventListener('message', connector.onMessage);
    port.start();
  };

  /**
   * Drops every link made through a connector: what a terminated learner worker needs, so wills
   * fire. Returns how many links were still open (0: every client had ended, nothing to settle).
   */
  const closeConnector = (connectorId: number): number => {
    const connector = connectors.get(connectorId);
    if (!connector) return 0;
    connectors.delete(connectorId);
    connector.port.removeEventListener('message', connector.onMessage);
    connector.port.close();
    const open = connector.links.size;
    for (const link of connector.links) link.destroy();
    // An MQTT-SN client has no connection to drop: its socket closes, and the gateway's timers decide.
    for (const socket of connector.snSockets) socket.close();
    return open;
  };

  const runInstrument = (call: InstrumentCall): unknown => {
    const instruments = current().instruments;
    // Each variant carries its own instrument's argument list; the union needs a per-name call.
    switch (call.name) {
      case 'cutLink':
        return instruments.cutLink(...call.args);
      case 'dropNext':
        return instruments.dropNext(...call.args);
      case 'delayNext':
        return instruments.delayNext(...call.args);
      case 'setLinkConditions':
        return instruments.setLinkConditions(...call.args);
      case 'refuseConnections':
        return instruments.refuseConnections(...call.args);
    }
  };

  const perform = async (request: WorkerRequest): Promise<unknown> => {
    switch (request.type) {
      case 'start':
        forwarder = new EntryForwarder(request.entries as unknown as PortLike);
        await replaceBroker(request.options);
        return undefined;
      case 'add-connector':
        addConnector(request.connectorId, request.port as unknown as ClosablePortLike);
        return undefined;
      case 'close-connector':
        return closeConnector(request.connectorId);
      case 'instrument':
        return runInstrument(request.call);
      case 'advance-clock':
        await current().clock.advance(request.ms);
        return undefined;
      case 'restart':
        await current().restart({ keepSessions: request.keepSessions });
        return undefined;
      case 'snapshot':
        forwarder?.flush();
        return current().recorder.snapshot();
      case 'clear':
        current().recorder.clear();
        forwarder?.cleared();
        return undefined;
      case 'log':
        current().recorder.log(request.level, request.text);
        return undefined;
      case 'reset':
        await replaceBroker(request.options);
        return undefined;
      case 'record-event':
        current().recorder.event(request.event);
        return undefined;
      case 'stop-node':
        await nodeControl(current().stopNode, request.node)(request.node);
        return undefined;
      case 'start-node':
        await nodeControl(current().startNode, request.node)(request.node);
        return undefined;
    }
  };

  /** A node stopped or started through a connector (an exercise's scenario, module 5); the answer goes to `reply`. */
  const controlNodeFor = (type: 'stop-node' | 'start-node', node: string, reply: ClosablePortLike): void => {
    const answer = (error?: string): void => {
      reply.postMessage(error === undefined ? {} : { error }, []);
      reply.close();
    };
    Promise.resolve()
      .then(() => nodeControl(type === 'stop-node' ? current().stopNode : current().startNode, node)(node))
      .then(() => answer(), (error: unknown) => answer(error instanceof Error ? error.message : String(error)));
  };

  const nodeControl = (control: ((name: string) => Promise<void>) | undefined, node: string): ((name: string) => Promise<void>) => {
    if (!control) throw new Error(`this broker has no nodes to stop or start ("${node}"): give it options.nodes`);
    return control;
  };

  const reply = (message: WorkerReply): void => endpoint.postMessage(message, []);

  endpoint.addEventListener('message', (event) => {
    const request = event.data as WorkerRequest;
    perform(request).then(
      (value) => reply({ type: 'reply', id: request.id, ok: true, value }),
      (error: unknown) => reply({ type: 'reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
