/**
 * The factory's topic tree: what the scenario's simulator publishes, and which of those topics
 * the line-1 dashboard must receive. Shared by scenario.ts and checks.ts so they cannot disagree.
 */
export const FLEET_TOPICS = [
  'factory/line1/press-01/telemetry/temperature',
  'factory/line1/press-01/telemetry/pressure',
  'factory/line1/press-01/state',
  'factory/line1/oven-02/telemetry/temperature',
  'factory/line1/oven-02/telemetry/zone/2/temperature',
  'factory/line1/oven-02/alarm/overheat',
  'factory/line1/oven-02/cmd/setpoint',
  'factory/line2/press-03/telemetry/temperature',
  'factory/line2/press-03/alarm/jam',
  'factory/line2/press-03/state',
  // A misconfigured device with a leading slash: a different tree, whose first level is empty.
  '/factory/line1/press-04/telemetry/temperature',
] as const;

/** Every telemetry reading of line 1, at any depth, and every alarm of every line. */
export const DASHBOARD_TOPICS = [
  'factory/line1/press-01/telemetry/temperature',
  'factory/line1/press-01/telemetry/pressure',
  'factory/line1/oven-02/telemetry/temperature',
  'factory/line1/oven-02/telemetry/zone/2/temperature',
  'factory/line1/oven-02/alarm/overheat',
  'factory/line2/press-03/alarm/jam',
] as const;

export const STOP_COMMAND = 'factory/line1/press-01/cmd/stop';
