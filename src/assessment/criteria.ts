/**
 * The twelve assessment criteria of the course (curriculum: "Assessment criteria").
 * Every exercise, quiz question and project check names the criteria it assesses by id;
 * a learner's level is earned by meeting its criteria.
 */

export const CRITERION_IDS = [
  'B1', 'B2', 'B3', 'B4',
  'I1', 'I2', 'I3', 'I4',
  'A1', 'A2', 'A3', 'A4',
] as const;

export type CriterionId = (typeof CRITERION_IDS)[number];

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

export interface Criterion {
  id: CriterionId;
  level: Level;
  text: string;
}

export const CRITERIA: readonly Criterion[] = [
  { id: 'B1', level: 'beginner', text: 'Understands the basic concepts' },
  { id: 'B2', level: 'beginner', text: 'Can connect to a broker' },
  { id: 'B3', level: 'beginner', text: 'Implements simple publish/subscribe applications' },
  { id: 'B4', level: 'beginner', text: 'Uses the basic QoS levels appropriately' },
  { id: 'I1', level: 'intermediate', text: 'Designs effective topic hierarchies' },
  { id: 'I2', level: 'intermediate', text: 'Implements secure MQTT communication' },
  { id: 'I3', level: 'intermediate', text: 'Configures and manages brokers' },
  { id: 'I4', level: 'intermediate', text: 'Handles connection failures and recovery' },
  { id: 'A1', level: 'advanced', text: 'Designs scalable MQTT architectures' },
  { id: 'A2', level: 'advanced', text: 'Implements advanced MQTT 5.0 features' },
  { id: 'A3', level: 'advanced', text: 'Optimises MQTT for constrained environments' },
  { id: 'A4', level: 'advanced', text: 'Integrates MQTT with other protocols and systems' },
];

export const LEVEL_LABELS: Record<Level, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
