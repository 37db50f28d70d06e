/**
 * The editor's `mqtt-sn` declarations type-check the exercise's solution and agree with the real
 * client: compiled together with the solution by the TypeScript compiler, no error; and every
 * method they declare exists on MqttSnClient.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { MqttSnClient } from '../../../sandbox-broker/src/mqtt-sn/client.ts';
import { MQTT_SN_TYPES } from '../mqtt-sn-types.ts';

test('the sleepy-sensor solution type-checks against the declarations; a wrong call does not', () => {
  const solution = readFileSync(new URL('../../../exercises/08-constrained-environments/sleepy-sensor/solution.ts', import.meta.url), 'utf8');
  const diagnose = (code: string): string[] => {
    // The two page globals the solution uses, instead of the (slow to parse) DOM library.
    const globals = 'declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): number;\ndeclare const console: { log(...data: unknown[]): void };';
    const files: Record<string, string> = { '/types.d.ts': MQTT_SN_TYPES, '/globals.d.ts': globals, '/learner.ts': `${code}\nexport {};` };
    const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts'], noEmit: true, types: [] };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = (name) => files[name] ?? read(name);
    host.fileExists = (name) => name in files || ts.sys.fileExists(name);
    host.getSourceFile = ((original) => (name: string, version: ts.ScriptTarget) => (name in files ? ts.createSourceFile(name, files[name]!, version) : original(name, version)))(host.getSourceFile.bind(host));
    const program = ts.createProgram(['/types.d.ts', '/globals.d.ts', '/learner.ts'], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };
  expect(diagnose(solution)).toEqual([]);
  expect(diagnose("import { connect } from 'mqtt-sn';\nconst c = await connect({ clientId: 'x' });\nawait c.publish('a/b', 'x');")).not.toEqual([]);
}, 60_000);

test('every method the declarations name exists on the real client', () => {
  const declared = [...MQTT_SN_TYPES.matchAll(/^ {4}(\w+)\(/gm)].map((m) => m[1]!);
  expect(declared.length).toBeGreaterThan(10);
  for (const name of declared) expect(typeof (MqttSnClient.prototype as unknown as Record<string, unknown>)[name], name).toBe('function');
});
