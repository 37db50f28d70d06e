import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'my-first-client',
  clean: true,
});
console.log('connected as', client.options.clientId);

// TODO 1: when a message arrives, print its payload (hint: client.on('message', …)).

// TODO 2: subscribe to lab/hello at QoS 1.

// TODO 3: publish "hello, MQTT" to lab/hello at QoS 1.

// TODO 4: end the client once the message came back.
