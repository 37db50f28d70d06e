/** The check helpers exercises build their `checks.ts` from. */
export type { Check, CheckResult, SpecRef, Verdict } from './check-types.ts';
export { connectedWith, disconnectedCleanly, type ConnectExpectation } from './connection.ts';
export { subscribed } from './subscription.ts';
export { published, publishAcknowledged, publishHandshake, type PublishExpectation } from './publish.ts';
export { delivered, receivedBy, type DeliveryExpectation } from './delivery.ts';
export { willPublished, willPublishedAfterLinkCut } from './will.ts';
export { printed } from './console.ts';
export { ranWithoutError, returned } from './outcome.ts';
export { topicMatches } from './topic-match.ts';
