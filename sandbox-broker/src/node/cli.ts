/**
 * `npm run broker`: the sandbox broker for real MQTT clients (mosquitto_pub, MQTT Explorer, your
 * own programs), with a live packet log. Flags: --host, --port, --ws-port, --tls-port,
 * --wss-port, --sn-port (MQTT-SN over UDP), --config file.(json|yaml), --persist file.json, --tls-dir, --quiet.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBrokerConfig } from './config.ts';
import { formatEntry } from './packet-log.ts';
import { startNodeBroker } from './serve.ts';

const usage = `Usage: npm run broker -- [options]
  --host <address>     interface to listen on (default 127.0.0.1; 0.0.0.0 exposes the broker to your network)
  --port <n>           MQTT over TCP (default 1883)
  --tls-port <n>       MQTT over TLS (default 8883)
  --ws-port <n>        MQTT over WebSocket at /mqtt (default 8080)
  --wss-port <n>       MQTT over secure WebSocket at /mqtt (default 8443)
  --sn-port <n>        MQTT-SN v1.2 over UDP, through the broker's MQTT-SN gateway (default 1884)
  --config <file>      users, ACL and limits (.json or .yaml)
  --persist <file>     keep retained messages and persistent sessions in this JSON file across restarts
                       (loaded on start, saved every 60 s and on Ctrl-C)
  --tls-dir <dir>      where the generated CA and certificate go (default: a folder in the temp dir)
  --quiet              no packet log
  --help`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'tls-port': { type: 'string' },
      'ws-port': { type: 'string' },
      'wss-port': { type: 'string' },
      'sn-port': { type: 'string' },
      config: { type: 'string' },
      persist: { type: 'string' },
      'tls-dir': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const colour = process.stdout.isTTY === true;
  const running = await startNodeBroker({
    host: values.host ?? '127.0.0.1',
    ports: {
      mqtt: port(values.port, 1883, '--port'),
      mqtts: port(values['tls-port'], 8883, '--tls-port'),
      ws: port(values['ws-port'], 8080, '--ws-port'),
      wss: port(values['wss-port'], 8443, '--wss-port'),
    },
    mqttSnPort: port(values['sn-port'], 1884, '--sn-port'),
    tlsDir: values['tls-dir'] ?? join(tmpdir(), 'mqtt-lab-broker-tls'),
    broker: values.config ? await loadBrokerConfig(values.config) : {},
    ...(values.persist ? { persistFile: values.persist } : {}),
    ...(values.quiet ? {} : { onEntry: (entry) => console.log(formatEntry(entry, new Date(), colour)) }),
  });

  const mqtt = running.listeners.find((listener) => listener.kind === 'mqtt');
  const mqtts = running.listeners.find((listener) => listener.kind === 'mqtts');
  console.log('MQTT Lab sandbox broker');
  for (const listener of running.listeners) console.log(`  ${listener.url}`);
  if (running.mqttSn) console.log(`  ${running.mqttSn.url} (MQTT-SN gateway)`);
  console.log(`TLS: CA certificate ${running.tls.caFile}`);
  if (values.config) console.log(`Config: ${values.config}`);
  if (values.persist) console.log(`State: ${values.persist} (retained messages and persistent sessions)`);
  console.log('Try:');
  console.log(`  mosquitto_sub -h ${mqtt?.host} -p ${mqtt?.port} -t 'lab/#' -v`);
  console.log(`  mosquitto_pub -h ${mqtts?.host} -p ${mqtts?.port} --cafile ${running.tls.caFile} -t lab/hello -m hi`);
  console.log('Ctrl-C to stop.\n');

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1); // a second Ctrl-C does not wait
    stopping = true;
    console.log('\nStopping: closing connections…');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
