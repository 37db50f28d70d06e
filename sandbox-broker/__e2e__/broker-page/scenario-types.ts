/** What the page scenario hands back to the test (plain data, crosses the Playwright boundary). */
export interface ScenarioResult {
  received: { topic: string; qos: number; payload: string }[];
  fromPeerWorker: string;
  will: string;
  /** `direction cmd` of every packet entry that reached the page live, in order. */
  livePackets: string[];
  liveEvents: string[];
  snapshotPackets: number;
}
