/**
 * Node mode: the same sandbox broker served to real clients over TCP, TLS, WebSocket and secure
 * WebSocket, with the live packet log. `cli.ts` parses the command line; tests call this directly.
 */
import type { Duplex } from 'readable-stream';
import { createSandboxBroker, type SandboxBroker, type SandboxBrokerOptions } from '../index.ts';
import type { RecordEntry } from '../record-types.ts';
import { openListener, type ListenerKind, type OpenListener } from './listeners.ts';
import { openMqttSnUdp, type MqttSnUdpListener } from './mqtt-sn-udp.ts';
import { createTlsFiles, type TlsFiles } from './tls-cert.ts';
import { readStateFile, writeStateFile } from './state-file.ts';

export interface NodeBrokerOptions {
  /** Interface to listen on; loopback unless asked otherwise. */
  readonly host: string;
  /** Port per listener kind; 0 picks a free port. */
  readonly ports: Readonly<Record<ListenerKind, number>>;
  /** Where the generated CA and server certificate are written. */
  readonly tlsDir: string;
  readonly broker: SandboxBrokerOptions;
  /** Receives every record entry as it happens (the packet log). */
  readonly onEntry?: (entry: RecordEntry) => void;
  /** UDP port of the MQTT-SN gateway (0 picks a free one); absent: no MQTT-SN listener. */
  readonly mqttSnPort?: number;
  /** Retained messages and persistent sessions are loaded from and saved to this file. */
  readonly persistFile?: string;
  /** Seconds between saves of the state file (besides the one on close); default 60. */
  readonly autosaveSeconds?: number;
}

export interface RunningNodeBroker {
  readonly broker: SandboxBroker;
  readonly listeners: readonly OpenListener[];
  readonly tls: TlsFiles;
  /** The MQTT-SN gateway's UDP listener, when `mqttSnPort` was given. */
  readonly mqttSn?: MqttSnUdpListener;
  close(): Promise<void>;
}

/**
 * A long-running broker would keep every entry of its record forever; node mode only needs them
 * for the live log, so the record is emptied now and then.
 */
const maxKeptEntries = 10_000;

export async function startNodeBroker(options: NodeBrokerOptions): Promise<RunningNodeBroker> {
  const broker = createSandboxBroker({ clock: 'real', ...options.broker });
  broker.recorder.on('entry', (entry: RecordEntry) => {
    options.onEntry?.(entry);
    if (broker.recorder.entries.length > maxKeptEntries) broker.recorder.clear();
  });
  await broker.ready;
  const persistFile = options.persistFile;
  let autosave: ReturnType<typeof setInterval> | undefined;
  if (persistFile) {
    const state = await readStateFile(persistFile).catch(async (error: unknown) => {
      await broker.close();
      throw error;
    });
    if (state) await broker.importState(state);
    autosave = setInterval(() => void writeStateFile(persistFile, broker).catch((error: unknown) => console.error(`could not save ${persistFile}:`, error)), (options.autosaveSeconds ?? 60) * 1000);
    autosave.unref();
  }
  const tls = await createTlsFiles(options.tlsDir, options.host);
  // Node's sockets and ws streams are Node Duplexes; the broker's typings name readable-stream's.
  const handle = (stream: NodeJS.ReadWriteStream): void => void broker.handle(stream as unknown as Duplex);
  const listeners: OpenListener[] = [];
  let mqttSn: MqttSnUdpListener | undefined;
  try {
    for (const kind of ['mqtt', 'mqtts', 'ws', 'wss'] as const) {
      listeners.push(await openListener({ kind, port: options.ports[kind] }, options.host, handle, tls));
    }
    if (options.mqttSnPort !== undefined) mqttSn = await openMqttSnUdp(broker.mqttSn, options.mqttSnPort, options.host);
  } catch (error) {
    clearInterval(autosave);
    await Promise.all(listeners.map((listener) => listener.close()));
    await broker.close();
    throw error;
  }
  return {
    broker,
    listeners,
    tls,
    ...(mqttSn ? { mqttSn } : {}),
    async close() {
      clearInterval(autosave);
      await Promise.all(listeners.map((listener) => listener.close()));
      // Saved before the broker closes: the sessions of clients still connected are persistent ones too.
      if (persistFile) await writeStateFile(persistFile, broker);
      await mqttSn?.close();
      await broker.close();
    },
  };
}
