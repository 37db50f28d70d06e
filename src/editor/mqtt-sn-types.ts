/// <reference types="vite/client" />
/** The declarations of the learner's \`mqtt-sn\` module, as text for the editor's TypeScript service. */
import declarations from '../exercise-engine/runtime/mqtt-sn-module.d.ts?raw';

export const MQTT_SN_TYPES: string = declarations;
