/**
 * The two `util` functions aedes and qlobber use, for the browser. npm `util@0.12` cannot be used:
 * its `inherits` assigns `prototype`, which throws on ES classes ("Cannot assign to read only
 * property 'prototype'"); linking the prototypes with `Object.setPrototypeOf` works for both.
 */
type Constructor = { prototype: object };

export function inherits(child: Constructor, parent: Constructor): void {
  Object.setPrototypeOf(child.prototype, parent.prototype);
  Object.setPrototypeOf(child, parent);
}

type NodeCallback<T> = (error: unknown, value?: T) => void;

export function promisify<T>(fn: (...args: [...unknown[], NodeCallback<T>]) => void): (...args: unknown[]) => Promise<T> {
  return function (this: unknown, ...args: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => {
      fn.call(this, ...args, (error: unknown, value?: T) => (error ? reject(error) : resolve(value as T)));
    });
  };
}

export default { inherits, promisify };
