import mqtt from 'mqtt';

// The logger is done for you: it hears everything under home/.
const logger = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'logger' });
logger.on('message', (topic, payload) => console.log(`logger got ${topic}: ${payload.toString()}`));
await logger.subscribeAsync('home/#');

// TODO: connect `dashboard` (home/+/temperature) and `kitchen-panel` (home/kitchen/#) the same way.

const sensor = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'sensor' });
await sensor.publishAsync('home/kitchen/temperature', '21.5');
// TODO: publish 8.0 to home/garage/temperature and 48 to home/kitchen/humidity.

// TODO: wait until every copy has arrived, then end all the clients.
await sensor.endAsync();
await logger.endAsync();
