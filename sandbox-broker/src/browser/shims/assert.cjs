'use strict'
// `assert(value)` as mqemitter and qlobber call it, for the browser. CommonJS on purpose: they
// `require('assert')` and call the result, which an ES module's namespace object cannot be.
module.exports = function assert (value, message) {
  if (!value) throw new Error(message || 'assertion failed')
}
