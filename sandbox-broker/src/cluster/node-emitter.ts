/**
 * One node's view of the message emitter a cluster's nodes share (aedes' `mq` option). aedes
 * closes its emitter when it stops; closing the shared one would silence the whole cluster, so a
 * node's view closes only itself: it removes the listeners this node added and stops emitting.
 */
type Listener = (packet: unknown, done: () => void) => void;

/** The part of an MQEmitter aedes uses. */
export interface MessageEmitter {
  on(topic: string, listener: Listener, done?: () => void): unknown;
  removeListener(topic: string, listener: Listener, done?: () => void): unknown;
  emit(packet: { topic: string }, done?: (error?: Error) => void): unknown;
  close(done?: () => void): unknown;
}

export function nodeEmitter(shared: MessageEmitter): MessageEmitter {
  const added = new Set<{ topic: string; listener: Listener }>();
  let closed = false;
  const view: MessageEmitter = {
    on(topic, listener, done) {
      added.add({ topic, listener });
      shared.on(topic, listener, done);
      return view;
    },
    removeListener(topic, listener, done) {
      for (const entry of added) if (entry.topic === topic && entry.listener === listener) added.delete(entry);
      shared.removeListener(topic, listener, done);
      return view;
    },
    emit(packet, done) {
      // A stopped node publishes nothing more (its last wills went out before it stopped).
      if (closed) done?.();
      else shared.emit(packet, done);
      return view;
    },
    close(done) {
      closed = true;
      for (const { topic, listener } of added) shared.removeListener(topic, listener);
      added.clear();
      done?.();
      return view;
    },
  };
  return view;
}
