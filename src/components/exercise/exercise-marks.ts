/**
 * User Timing marks of an exercise's loading, visible in DevTools' performance panel;
 * `npm run bench` reads them to split what loads before the exercise is interactive from the
 * full editor that follows.
 */
export const INTERACTIVE_MARK = 'mqtt-lab:exercise-interactive';
export const FULL_EDITOR_REQUESTED_MARK = 'mqtt-lab:full-editor-requested';
export const FULL_EDITOR_READY_MARK = 'mqtt-lab:full-editor-ready';
