import mqtt from 'mqtt';

const PRICES: Record<string, string> = { 'A-100': '4.20', 'B-220': '12.90', 'C-310': '0.85' };

const service = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'price-service', protocolVersion: 5 });

service.on('message', (_topic, payload) => {
  const sku = payload.toString();
  const price = PRICES[sku] ?? 'unknown';
  // TODO: every kiosk reads its own reply topic, and must know which request this answers.
  service.publish('shop/prices/reply', price, { qos: 1 });
});

await service.subscribeAsync('shop/prices/get', { qos: 1 });
await service.publishAsync('shop/prices/status', 'online', { qos: 1, retain: true });
