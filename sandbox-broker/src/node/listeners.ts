/**
 * The network listeners of node mode: MQTT over TCP and TLS, MQTT over WebSocket (plain and
 * secure) at path /mqtt. Every connection becomes a byte stream handed to the same broker.
 */
import { createServer as createTcpServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { Duplex } from 'node:stream';

export type ListenerKind = 'mqtt' | 'mqtts' | 'ws' | 'wss';

export interface ListenerSpec {
  readonly kind: ListenerKind;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface OpenListener {
  readonly kind: ListenerKind;
  readonly host: string;
  readonly port: number;
  /** What a client connects to, e.g. `mqtt://127.0.0.1:1883` or `ws://127.0.0.1:8080/mqtt`. */
  readonly url: string;
  close(): Promise<void>;
}

export const webSocketPath = '/mqtt';

type Handle = (stream: Duplex) => void;
type Tls = { readonly cert: string; readonly key: string };

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: NetServer, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Tracks open sockets (raw TCP, under TLS too) so closing does not wait for clients to hang up. */
function trackSockets(server: NetServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** A browser opening the WebSocket URL as a page gets told what it is. */
function answerPlainHttp(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(426, { 'content-type': 'text/plain' }).end(`MQTT over WebSocket at ${webSocketPath}\n`);
}

function webSocketServerOn(server: HttpServer | HttpsServer, handle: Handle): WebSocketServer {
  // The MQTT subprotocol names are what MQTT.js and browsers ask for; accept either.
  const wss = new WebSocketServer({
    server,
    path: webSocketPath,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : protocols.has('mqttv3.1') ? 'mqttv3.1' : false),
  });
  wss.on('connection', (socket) => handle(createWebSocketStream(socket)));
  return wss;
}

export async function openListener(spec: ListenerSpec, host: string, handle: Handle, tls: Tls | undefined): Promise<OpenListener> {
  const certificate = (): Tls => {
    if (!tls) throw new Error(`a ${spec.kind} listener needs a certificate`);
    return tls;
  };
  let server: NetServer;
  let wss: WebSocketServer | undefined;
  switch (spec.kind) {
    case 'mqtt':
      server = createTcpServer((socket) => handle(socket));
      break;
    case 'mqtts':
      server = createTlsServer(certificate(), (socket) => handle(socket));
      break;
    case 'ws': {
      const http = createHttpServer(answerPlainHttp);
      wss = webSocketServerOn(http, handle);
      server = http;
      break;
    }
    case 'wss': {
      const https = createHttpsServer(certificate(), answerPlainHttp);
      wss = webSocketServerOn(https, handle);
      server = https;
      break;
    }
  }
  const sockets = trackSockets(server);
  const port = await listen(server, spec.port, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const path = spec.kind === 'ws' || spec.kind === 'wss' ? webSocketPath : '';
  return {
    kind: spec.kind,
    host,
    port,
    url: `${spec.kind}://${urlHost}:${port}${path}`,
    close: async () => {
      wss?.close();
      await closeServer(server, sockets);
    },
  };
}
