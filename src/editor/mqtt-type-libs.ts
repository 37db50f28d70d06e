/// <reference types="vite/client" />
/**
 * MQTT.js's own type declarations, bundled as text for the in-page TypeScript service, so
 * learners get completion and type errors for `import mqtt from 'mqtt'`. Only `mqtt`'s and
 * `mqtt-packet`'s declarations ship (about 30 KB raw); the Node modules they mention are given
 * minimal ambient stand-ins instead of @types/node (megabytes).
 */
import mqttPacketTypes from '../../node_modules/mqtt-packet/types/index.d.ts?raw';
import { LEARNER_AMBIENT_TYPES } from './learner-ambient-types.ts';
import { MQTT_SN_TYPES } from './mqtt-sn-types.ts';

const mqttDeclarations = import.meta.glob('../../node_modules/mqtt/build/**/*.d.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface ExtraLib {
  filePath: string;
  content: string;
}

const MQTT_ROOT = 'file:///node_modules/mqtt';

export function mqttTypeLibs(): ExtraLib[] {
  const libs = Object.entries(mqttDeclarations).map(([path, content]) => ({
    filePath: `${MQTT_ROOT}/build/${path.split('/node_modules/mqtt/build/')[1] ?? path}`,
    content,
  }));
  return [
    ...libs,
    // Module resolution finds `node_modules/mqtt/index.d.ts` without reading a package.json.
    { filePath: `${MQTT_ROOT}/index.d.ts`, content: "export * from './build/index';\nexport { default } from './build/index';\n" },
    { filePath: 'file:///node_modules/mqtt-packet/index.d.ts', content: mqttPacketTypes },
    { filePath: 'file:///node_modules/@types/learner-ambient/index.d.ts', content: LEARNER_AMBIENT_TYPES },
    { filePath: 'file:///node_modules/@types/mqtt-sn/index.d.ts', content: MQTT_SN_TYPES },
  ];
}
