/** MQTT 5.0 properties (5.0 §2.2.2): the property length, then each property's identifier and value. */
import { ByteCursor, Malformed } from './byte-cursor.ts';
import { binaryText, hexByte, plural } from './describe-bytes.ts';

type ValueType = 'byte' | 'uint16' | 'uint32' | 'varint' | 'string' | 'binary' | 'pair';

interface PropertySpec {
  key: string;
  name: string;
  type: ValueType;
}

/** 5.0 §2.2.2.2, table 2-4. */
const PROPERTIES: ReadonlyMap<number, PropertySpec> = new Map([
  [0x01, { key: 'payloadFormatIndicator', name: 'Payload Format Indicator', type: 'byte' }],
  [0x02, { key: 'messageExpiryInterval', name: 'Message Expiry Interval', type: 'uint32' }],
  [0x03, { key: 'contentType', name: 'Content Type', type: 'string' }],
  [0x08, { key: 'responseTopic', name: 'Response Topic', type: 'string' }],
  [0x09, { key: 'correlationData', name: 'Correlation Data', type: 'binary' }],
  [0x0b, { key: 'subscriptionIdentifier', name: 'Subscription Identifier', type: 'varint' }],
  [0x11, { key: 'sessionExpiryInterval', name: 'Session Expiry Interval', type: 'uint32' }],
  [0x12, { key: 'assignedClientIdentifier', name: 'Assigned Client Identifier', type: 'string' }],
  [0x13, { key: 'serverKeepAlive', name: 'Server Keep Alive', type: 'uint16' }],
  [0x15, { key: 'authenticationMethod', name: 'Authentication Method', type: 'string' }],
  [0x16, { key: 'authenticationData', name: 'Authentication Data', type: 'binary' }],
  [0x17, { key: 'requestProblemInformation', name: 'Request Problem Information', type: 'byte' }],
  [0x18, { key: 'willDelayInterval', name: 'Will Delay Interval', type: 'uint32' }],
  [0x19, { key: 'requestResponseInformation', name: 'Request Response Information', type: 'byte' }],
  [0x1a, { key: 'responseInformation', name: 'Response Information', type: 'string' }],
  [0x1c, { key: 'serverReference', name: 'Server Reference', type: 'string' }],
  [0x1f, { key: 'reasonString', name: 'Reason String', type: 'string' }],
  [0x21, { key: 'receiveMaximum', name: 'Receive Maximum', type: 'uint16' }],
  [0x22, { key: 'topicAliasMaximum', name: 'Topic Alias Maximum', type: 'uint16' }],
  [0x23, { key: 'topicAlias', name: 'Topic Alias', type: 'uint16' }],
  [0x24, { key: 'maximumQoS', name: 'Maximum QoS', type: 'byte' }],
  [0x25, { key: 'retainAvailable', name: 'Retain Available', type: 'byte' }],
  [0x26, { key: 'userProperty', name: 'User Property', type: 'pair' }],
  [0x27, { key: 'maximumPacketSize', name: 'Maximum Packet Size', type: 'uint32' }],
  [0x28, { key: 'wildcardSubscriptionAvailable', name: 'Wildcard Subscription Available', type: 'byte' }],
  [0x29, { key: 'subscriptionIdentifiersAvailable', name: 'Subscription Identifier Available', type: 'byte' }],
  [0x2a, { key: 'sharedSubscriptionAvailable', name: 'Shared Subscription Available', type: 'byte' }],
]);

const UNITS: Record<string, string> = {
  messageExpiryInterval: ' s',
  sessionExpiryInterval: ' s',
  willDelayInterval: ' s',
  serverKeepAlive: ' s',
  maximumPacketSize: ' bytes',
};

/** Reads a property block; `subject` says whose properties they are ("Will properties"). */
export function readProperties(cursor: ByteCursor, subject = 'Properties'): void {
  const length = cursor.varint('properties', 'propertiesLength', (n) => ({ label: `${subject} length: ${plural(n, 'byte')}`, value: n }));
  cursor.within(cursor.pos + length, () => {
    while (cursor.remaining > 0) readProperty(cursor);
  });
}

function readProperty(cursor: ByteCursor): void {
  const id = cursor.bytes[cursor.pos] ?? 0;
  const spec = PROPERTIES.get(id);
  if (!spec) throw new Malformed(`unknown property identifier ${hexByte(id)}`);
  cursor.byte('properties', `propertyId:${spec.key}`, () => ({ label: `Property ${hexByte(id)}: ${spec.name}`, value: id }));
  const field = `property:${spec.key}`;
  const unit = UNITS[spec.key] ?? '';
  const numeric = (n: number): { label: string; value: number } => ({ label: `${spec.name}: ${n}${unit}`, value: n });
  switch (spec.type) {
    case 'byte':
      cursor.byte('properties', field, numeric);
      break;
    case 'uint16':
      cursor.uint16('properties', field, numeric);
      break;
    case 'uint32':
      cursor.uint32('properties', field, numeric);
      break;
    case 'varint':
      cursor.varint('properties', field, numeric);
      break;
    case 'string':
      cursor.string('properties', field, spec.name);
      break;
    case 'binary':
      cursor.lengthPrefixed('properties', field, spec.name, (b) => ({ label: `${spec.name}: ${binaryText(b)}` }));
      break;
    case 'pair':
      cursor.string('properties', `${field}:name`, `${spec.name} name`);
      cursor.string('properties', `${field}:value`, `${spec.name} value`);
      break;
  }
}
