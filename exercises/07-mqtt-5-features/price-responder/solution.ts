import mqtt from 'mqtt';

const PRICES: Record<string, string> = { 'A-100': '4.20', 'B-220': '12.90', 'C-310': '0.85' };

const service = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'price-service', protocolVersion: 5 });

service.on('message', (_topic, payload, packet) => {
  const responseTopic = packet.properties?.responseTopic;
  if (responseTopic === undefined) {
    // Not a request: nobody asked for an answer, and there is nowhere to send one.
    console.log('ignored, no Response Topic:', payload.toString());
    return;
  }
  const sku = payload.toString();
  const price = PRICES[sku] ?? 'unknown';
  // The Correlation Data is binary: pass the Buffer on as it is, never through a string.
  const correlationData = packet.properties?.correlationData;
  service.publish(responseTopic, price, { qos: 1, properties: correlationData ? { correlationData } : {} });
});

await service.subscribeAsync('shop/prices/get', { qos: 1 });
await service.publishAsync('shop/prices/status', 'online', { qos: 1, retain: true });
