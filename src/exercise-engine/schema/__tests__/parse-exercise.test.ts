import { describe, expect, it } from 'vitest';
import { parseExercise, type ExerciseSource } from '../parse-exercise.ts';

const dir = 'exercises/01-fundamentals/first-connection';
const yaml = [
  'title: First connection',
  'module: 01-fundamentals',
  'level: beginner',
  'criteria: [B2]',
  "spec: [{ version: '3.1.1', section: '3.1' }]",
].join('\n');

function source(overrides: Partial<ExerciseSource['files']> = {}): ExerciseSource {
  return {
    dir,
    files: {
      'exercise.yaml': yaml,
      'prompt.md': '# Prompt',
      'starter.ts': 'import mqtt from "mqtt";',
      'solution.ts': 'import mqtt from "mqtt";',
      'checks.ts': 'export const checks = [];',
      'hints.md': '## First\nLook.\n\n## Second\nLook harder.\n',
      ...overrides,
    },
  };
}

describe('parseExercise', () => {
  it('reads a valid exercise, with defaults and ordered hints', () => {
    const exercise = parseExercise(source());
    expect(exercise.id).toBe('01-fundamentals/first-connection');
    expect(exercise.meta).toMatchObject({ level: 'beginner', criteria: ['B2'], timeLimitMs: 5000, broker: {}, end: {} });
    expect(exercise.hints).toEqual([{ title: 'First', body: 'Look.' }, { title: 'Second', body: 'Look harder.' }]);
    expect(exercise.hasScenario).toBe(false);
  });

  it('names the file and the field of a wrong value', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace('beginner', 'expert') }))).toThrow(
      'exercises/01-fundamentals/first-connection/exercise.yaml: level: expected one of beginner|intermediate|advanced, got "expert"',
    );
  });

  it('names a missing field', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace('title: First connection\n', '') }))).toThrow(
      `${dir}/exercise.yaml: title: expected string, got nothing`,
    );
  });

  it('names an unknown criterion by its index', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace('[B2]', '[B2, Z9]') }))).toThrow(
      /exercise\.yaml: criteria\[1\]: expected one of B1\|B2.*got "Z9"/,
    );
  });

  it('names an unknown field', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': `${yaml}\ndifficulty: 3` }))).toThrow(`${dir}/exercise.yaml: unknown field difficulty`);
  });

  it('names a malformed spec statement', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace("section: '3.1'", "statement: '3.1.2-4'") }))).toThrow(
      `${dir}/exercise.yaml: spec[0].statement: expected a statement id like MQTT-3.3.1-5, got "3.1.2-4"`,
    );
  });

  it('accepts an MQTT-SN 1.2 reference by section, and refuses one without a section', () => {
    expect(parseExercise(source({ 'exercise.yaml': yaml.replace("version: '3.1.1', section: '3.1'", "version: 'SN-1.2', section: '6.14'") })).meta.spec).toEqual([{ version: 'SN-1.2', section: '6.14' }]);
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace("version: '3.1.1', section: '3.1'", "version: 'SN-1.2', title: 'x'") }))).toThrow(/MQTT-SN 1\.2 reference needs a section/);
  });

  it('requires the module field to be the folder the exercise is in', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': yaml.replace('module: 01-fundamentals', 'module: 02-topics') }))).toThrow(
      `${dir}/exercise.yaml: module: expected "01-fundamentals"`,
    );
  });

  it('names a missing file', () => {
    const files = source();
    delete files.files['hints.md'];
    expect(() => parseExercise(files)).toThrow(`${dir}/hints.md: file is missing`);
  });

  it('rejects hints without "## " headings', () => {
    expect(() => parseExercise(source({ 'hints.md': 'just text' }))).toThrow(`${dir}/hints.md: expected at least one hint`);
  });

  it('reports YAML syntax errors against the file', () => {
    expect(() => parseExercise(source({ 'exercise.yaml': 'title: [unclosed' }))).toThrow(`${dir}/exercise.yaml: not valid YAML`);
  });
});
