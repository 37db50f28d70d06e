/**
 * Why a topic filter or topic name is invalid, or worth a second look, in the words of the
 * specification. The broker's own `isValidTopicFilter` / `isValidTopicName` decide validity; this
 * file names the rule each problem breaks, so the playground can teach it.
 */
import { isValidTopicFilter, isValidTopicName } from '../../../sandbox-broker/src/topic-match.ts';

export interface RuleNote {
  /** The rule in one sentence, about the text the learner typed. */
  message: string;
  /** "3.1.1 [MQTT-4.7.1-2], 5.0 §4.7.1.2": where the rule is written. */
  cite: string;
}

export interface FilterVerdict {
  valid: boolean;
  /** Why the filter is invalid (empty when valid). */
  errors: RuleNote[];
  /** Valid, but surprising or a design smell. */
  warnings: RuleNote[];
}

const MAX_BYTES = 65_535;

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Problems shared by topic names and topic filters (3.1.1 §4.7.3). */
function commonErrors(text: string, kind: string): RuleNote[] {
  const errors: RuleNote[] = [];
  if (text.length === 0) errors.push({ message: `A ${kind} must be at least one character long.`, cite: '3.1.1 [MQTT-4.7.3-1], 5.0 §4.7.3' });
  if (text.includes('\u0000')) errors.push({ message: `A ${kind} must not contain the null character U+0000.`, cite: '3.1.1 [MQTT-4.7.3-2], 5.0 §4.7.3' });
  if (byteLength(text) > MAX_BYTES) errors.push({ message: `A ${kind} must not encode to more than 65,535 bytes of UTF-8.`, cite: '3.1.1 [MQTT-4.7.3-3], 5.0 §4.7.3' });
  return errors;
}

function wildcardErrors(filter: string): RuleNote[] {
  const errors: RuleNote[] = [];
  const levels = filter.split('/');
  levels.forEach((level, index) => {
    const where = `level ${index + 1} (“${level}”)`;
    if (level.includes('#')) {
      if (level !== '#') {
        errors.push({ message: `In ${where}, # must occupy the whole level: on its own or right after a /.`, cite: '3.1.1 [MQTT-4.7.1-2], 5.0 §4.7.1.2' });
      } else if (index !== levels.length - 1) {
        errors.push({ message: `# must be the last character of the filter; ${where} has more levels after it.`, cite: '3.1.1 [MQTT-4.7.1-2], 5.0 §4.7.1.2' });
      }
    }
    if (level.includes('+') && level !== '+') {
      errors.push({ message: `In ${where}, + must occupy the whole level (as in “a/+/b”); it cannot stand for part of a level.`, cite: '3.1.1 [MQTT-4.7.1-3], 5.0 §4.7.1.3' });
    }
  });
  return errors;
}

/** Warnings: legal filters that do not do what people usually mean. */
function designWarnings(filter: string): RuleNote[] {
  const warnings: RuleNote[] = [];
  if (filter === '#') {
    warnings.push({ message: 'Subscribes to every topic (except $-topics): fine for a debugging tool, a flood for a production client.', cite: '3.1.1 §4.7.1.2' });
  }
  if (filter.startsWith('+') || filter.startsWith('#')) {
    warnings.push({ message: 'Starts with a wildcard, so it never matches topics that begin with $ (such as $SYS/…).', cite: '3.1.1 [MQTT-4.7.2-1], 5.0 §4.7.2' });
  }
  if (filter.startsWith('/')) {
    warnings.push({ message: 'Starts with /, so its first level is empty: it will not match “home/…”, only “/home/…”.', cite: '3.1.1 §4.7.1.1' });
  }
  if (filter.includes('//') || (filter.length > 1 && filter.endsWith('/'))) {
    warnings.push({ message: 'Contains an empty level (“//” or a trailing /): legal, but it only matches topics with the same empty level.', cite: '3.1.1 §4.7.1.1' });
  }
  if (/\s/.test(filter)) {
    warnings.push({ message: 'Contains white space: legal and matched exactly, but easy to mistype and to miss in logs.', cite: '3.1.1 [MQTT-4.7.3-4]' });
  }
  return warnings;
}

export function checkFilter(filter: string): FilterVerdict {
  const errors = [...commonErrors(filter, 'topic filter'), ...wildcardErrors(filter)];
  // The broker's validator is the authority; the notes above only explain it.
  const valid = isValidTopicFilter(filter) && errors.length === 0;
  return { valid, errors, warnings: valid ? designWarnings(filter) : [] };
}

/** Why a topic name (the topic of a PUBLISH) is invalid; empty when it is valid. */
export function topicNameErrors(topic: string): RuleNote[] {
  const errors = commonErrors(topic, 'topic name');
  if (/[#+]/.test(topic)) {
    errors.push({ message: 'A topic name (what a PUBLISH is sent to) must not contain the wildcards + or #.', cite: '3.1.1 [MQTT-3.3.2-2], 5.0 §3.3.2.1' });
  }
  return isValidTopicName(topic) && errors.length === 0 ? [] : errors;
}
