import mqtt from 'mqtt';

const login = { clientId: 'meter-12', username: 'meter-12', protocolVersion: 5 as const };

// Try each stored password once, oldest first. connectAsync rejects on a refused CONNACK;
// the error's code is the CONNACK reason code (0x86 = 134: bad user name or password).
async function connectWithRotation(passwords: string[]) {
  for (const password of passwords) {
    try {
      return await mqtt.connectAsync('mqtt://sandbox', { ...login, password });
    } catch (error) {
      const code = (error as { code?: number }).code;
      console.log(`refused: ${code} (0x${code?.toString(16)})`);
      if (code !== 0x86) throw error; // another cause: a new password will not help
    }
  }
  throw new Error('no stored password was accepted');
}

const client = await connectWithRotation(['winter-2025', 'spring-2026']);
await client.publishAsync('site/meters/meter-12/reading', '42.7', { qos: 1 });
await client.endAsync();
