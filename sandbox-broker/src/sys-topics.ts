/**
 * Broker statistics, and their publication as retained `$SYS/broker/...` topics (the names
 * mosquitto uses) every `intervalMs` of the broker clock.
 */
import { Buffer } from 'buffer';
import type { BrokerClock, TimerHandle } from './clock.ts';
import type { Direction } from './record-types.ts';

export class BrokerStats {
  clientsConnected = 0;
  messagesReceived = 0;
  messagesSent = 0;
  publishReceived = 0;
  publishSent = 0;
  bytesReceived = 0;
  bytesSent = 0;

  count(direction: Direction, isPublish: boolean, bytes: number): void {
    if (direction === 'in') {
      this.messagesReceived++;
      this.bytesReceived += bytes;
      if (isPublish) this.publishReceived++;
    } else {
      this.messagesSent++;
      this.bytesSent += bytes;
      if (isPublish) this.publishSent++;
    }
  }

  topics(uptimeSeconds: number, subscriptions: number): Record<string, string> {
    return {
      '$SYS/broker/version': 'mqtt-lab sandbox broker (aedes)',
      '$SYS/broker/uptime': `${uptimeSeconds} seconds`,
      '$SYS/broker/clients/connected': String(this.clientsConnected),
      '$SYS/broker/subscriptions/count': String(subscriptions),
      '$SYS/broker/messages/received': String(this.messagesReceived),
      '$SYS/broker/messages/sent': String(this.messagesSent),
      '$SYS/broker/publish/messages/received': String(this.publishReceived),
      '$SYS/broker/publish/messages/sent': String(this.publishSent),
      '$SYS/broker/bytes/received': String(this.bytesReceived),
      '$SYS/broker/bytes/sent': String(this.bytesSent),
    };
  }
}

export type SysPublish = (topic: string, payload: Buffer) => void;

/** Publishes the statistics now and then every intervalMs; returns a stop function. */
export function startSysTopics(clock: BrokerClock, intervalMs: number, stats: BrokerStats, subscriptions: () => number, publish: SysPublish): () => void {
  let timer: TimerHandle | undefined;
  const tick = (): void => {
    for (const [topic, value] of Object.entries(stats.topics(Math.floor(clock.now() / 1000), subscriptions()))) {
      publish(topic, Buffer.from(value));
    }
    timer = clock.setTimer(tick, intervalMs);
  };
  tick();
  return () => timer?.cancel();
}
