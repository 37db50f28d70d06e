/**
 * Just enough of Node's globals and modules for MQTT.js's declarations to type-check in the
 * page: `Buffer` (payloads are Buffers), the `NodeJS` names mqtt-packet uses, and the modules
 * MQTT.js's declarations import but a learner never touches, declared as `any`.
 */
export const LEARNER_AMBIENT_TYPES = `
type BufferEncoding = 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'ucs2' | 'ucs-2' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'hex';
interface Buffer extends Uint8Array {
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
  toJSON(): { type: 'Buffer'; data: number[] };
  equals(other: Uint8Array): boolean;
}
declare var Buffer: {
  from(data: string, encoding?: BufferEncoding): Buffer;
  from(data: ArrayLike<number> | ArrayBuffer): Buffer;
  alloc(size: number, fill?: number): Buffer;
  byteLength(value: string, encoding?: BufferEncoding): number;
  isBuffer(value: unknown): value is Buffer;
  concat(list: readonly Uint8Array[]): Buffer;
};
declare namespace NodeJS {
  interface EventEmitter {
    on(event: string | symbol, listener: (...args: any[]) => void): this;
    once(event: string | symbol, listener: (...args: any[]) => void): this;
    off(event: string | symbol, listener: (...args: any[]) => void): this;
    emit(event: string | symbol, ...args: any[]): boolean;
  }
  interface WritableStream {
    write(chunk: any, callback?: (error?: Error | null) => void): boolean;
  }
}
declare module 'readable-stream';
declare module 'ws';
declare module 'http';
declare module 'worker-timers';
declare module 'node:stream';
declare module 'events';
`;
