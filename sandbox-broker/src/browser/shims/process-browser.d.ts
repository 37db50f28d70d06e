// npm `process` ships no types; its browser build stands in for Node's `process`.
declare module 'process/browser.js' {
  const process: NodeJS.Process;
  export default process;
}
