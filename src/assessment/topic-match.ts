/**
 * Topic-filter matching for quiz questions. Re-exported from the sandbox broker so that a
 * "which topics does this filter match?" question is graded by exactly the rules the in-page
 * broker routes by (3.1.1 §4.7 / 5.0 §4.7, including the `$` rule [MQTT-4.7.2-1]); the module is
 * pure and has no broker dependencies, so it costs the quiz island a few hundred bytes.
 */
export { topicMatches, isValidTopicFilter, isValidTopicName } from '../../sandbox-broker/src/topic-match.ts';
