/**
 * The slice of Monaco the exercises use, loaded on demand: the editor API, the TypeScript
 * syntax colouring, and only the contributions a learner needs (completion, hovers, parameter
 * hints, bracket matching, comments, word moves). Importing
 * `monaco-editor` itself would pull every language and feature (~1 MB gzip).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/languages/definitions/typescript/register';
import { defineAccessibleThemes } from './accessible-themes.ts';
import { installMonacoEnvironment } from './monaco-environment.ts';

installMonacoEnvironment();
defineAccessibleThemes(monaco);

export type Monaco = typeof monaco;
export { monaco };
