import { ranWithoutError } from '../../../src/exercise-engine/checks/index.ts';
import {
  publishedAtQoS, receivedReadings, usedTopicAlias, withinByteBudget,
} from '../../../src/exercise-engine/checks/constrained.ts';

const TOPIC = 'factory/building-7/line-3/sensor-0042/climate';

/** The readings of the prompt and starter: what the dashboard must decode, in this order. */
const READINGS = [
  [21.5, 48], [21.6, 48.2], [21.6, 48.5], [21.8, 49], [22.1, 49.4],
  [22.0, 50.1], [-3.5, 80], [-3.4, 79.5], [0.0, 65.3], [12.7, 55.5],
].map(([temperature, humidity]) => ({ temperature: temperature as number, humidity: humidity as number }));

export const checks = [
  receivedReadings({
    to: 'dashboard',
    topic: TOPIC,
    layout: [
      { name: 'temperature', type: 'int16', scale: 10, unit: ' °C' },
      { name: 'humidity', type: 'uint16', scale: 10, unit: ' %' },
    ],
    readings: READINGS,
  }),
  withinByteBudget(250, { client: 'sensor-42' }),
  usedTopicAlias(TOPIC, { client: 'sensor-42', minimum: 9 }),
  publishedAtQoS(TOPIC, 0, { client: 'sensor-42', count: 10 }),
  ranWithoutError(),
];
