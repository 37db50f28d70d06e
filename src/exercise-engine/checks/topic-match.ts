/**
 * Checks match topics with the broker's own matcher (3.1.1 §4.7, 5.0 §4.7, with the `$` rule
 * [MQTT-4.7.2-1]): a check can never disagree with the broker about which messages a filter covers.
 * The module is pure, so checks stay free of the broker itself.
 */
export { topicMatches } from '../../../sandbox-broker/src/topic-match.ts';
