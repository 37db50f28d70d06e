/**
 * Creates the Monaco editor for an exercise in place of the plain editor, taking over its code,
 * selection, focus and Tab mode, and wires what the island needs: the learner's model, the theme
 * following Starlight, screen-reader mode, "Esc then Tab leaves the editor", the problem list fed
 * from markers, and a marker for the line a run failed on.
 */
import { loadScreenReaderMode } from '../../editor/editor-preferences.ts';
import type { Monaco } from '../../editor/monaco-editor.ts';
import { monacoThemeFor } from '../../editor/accessible-themes.ts';
import { watchSiteTheme } from '../../editor/starlight-theme.ts';
import { startTypeScriptService } from '../../editor/typescript-service.ts';
import type { EditorCallbacks, EditorHandover, LearnerEditor, Problem } from './learner-editor.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

const RUN_MARKER_OWNER = 'mqtt-lab-run';

export function createLearnerEditor(monaco: Monaco, element: HTMLElement, options: {
  exerciseId: string;
  ariaLabel: string;
  callbacks: EditorCallbacks;
  from: EditorHandover;
}): LearnerEditor {
  const { from } = options;
  // One model per exercise; its .ts name makes the TypeScript service treat it as a module.
  const uri = monaco.Uri.parse(`file:///exercises/${options.exerciseId}/exercise.ts`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(from.code, 'typescript', uri);
  model.setValue(from.code);
  const editor: Editor = monaco.editor.create(element, {
    model,
    ariaLabel: options.ariaLabel,
    accessibilitySupport: loadScreenReaderMode() ? 'on' : 'auto',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    lineNumbersMinChars: 3,
    fixedOverflowWidgets: true,
    renderValidationDecorations: 'on',
  });
  const anchor = model.getPositionAt(from.anchor);
  const active = model.getPositionAt(from.active);
  editor.setSelection(new monaco.Selection(anchor.lineNumber, anchor.column, active.lineNumber, active.column));
  editor.revealPositionInCenterIfOutsideViewport(active);
  if (from.focused) editor.focus();

  const stopWatchingTheme = watchSiteTheme((theme) => monaco.editor.setTheme(monacoThemeFor(theme)));
  const subscriptions = [
    model.onDidChangeContent(() => options.callbacks.onChange(model.getValue())),
    monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((changed) => changed.toString() === uri.toString())) options.callbacks.onProblems(problemsOf(monaco, uri));
    }),
    ...tabFocusControls(monaco, editor, from.tabMovesFocus, options.callbacks.onTabMovesFocus),
  ];

  // The language service is heavy: start it once the editor is on screen and usable.
  const idle = (callback: () => void): void => void ('requestIdleCallback' in globalThis ? requestIdleCallback(callback, { timeout: 1500 }) : setTimeout(callback, 200));
  idle(() => void startTypeScriptService());

  return {
    getCode: () => model.getValue(),
    replaceCode(code) {
      editor.pushUndoStop();
      editor.executeEdits('reset', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
    },
    focus: () => editor.focus(),
    revealLine(line) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.focus();
    },
    showRunError(line, message) {
      const safeLine = Math.min(Math.max(1, line), model.getLineCount());
      monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, [{
        severity: monaco.MarkerSeverity.Error,
        message,
        startLineNumber: safeLine,
        startColumn: model.getLineFirstNonWhitespaceColumn(safeLine) || 1,
        endLineNumber: safeLine,
        endColumn: model.getLineMaxColumn(safeLine),
      }]);
      editor.revealLineInCenterIfOutsideViewport(safeLine);
    },
    clearRunError: () => monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, []),
    setScreenReaderMode: (on) => editor.updateOptions({ accessibilitySupport: on ? 'on' : 'auto' }),
    dispose() {
      stopWatchingTheme();
      subscriptions.forEach((subscription) => subscription.dispose());
      editor.dispose();
    },
  };
}

function problemsOf(monaco: Monaco, uri: ReturnType<Monaco['Uri']['parse']>): Problem[] {
  return monaco.editor
    .getModelMarkers({ resource: uri })
    .filter((marker) => marker.severity >= monaco.MarkerSeverity.Warning)
    .sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn)
    .map((marker) => ({
      line: marker.startLineNumber,
      column: marker.startColumn,
      message: marker.message,
      severity: marker.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning',
      source: marker.owner === RUN_MARKER_OWNER ? 'run' : 'typescript',
    }));
}

/**
 * Tab focus mode, per editor: Ctrl+M switches it for good (VS Code's chord; Ctrl+Shift+M on a Mac);
 * Esc arms it for the next key only, so Esc then Tab leaves the editor and any other key disarms it.
 */
function tabFocusControls(monaco: Monaco, editor: Editor, initially: boolean, onChange: (on: boolean) => void): { dispose(): void }[] {
  let sticky = initially;
  let armed = false;
  const apply = (): void => {
    editor.updateOptions({ tabFocusMode: sticky || armed });
    onChange(sticky);
  };
  const disarm = (): void => {
    if (!armed) return;
    armed = false;
    apply();
  };
  // Carried over from the plain editor: Ctrl+M pressed there still holds.
  if (initially) apply();
  const toggle = editor.addAction({
    id: 'mqtt-lab.toggleTabFocus',
    label: 'Toggle: Tab moves focus',
    // Ctrl+M on Windows and Linux; Ctrl+Shift+M on a Mac, where Cmd+M minimises the window.
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM],
    run: () => {
      sticky = !sticky;
      apply();
    },
  });
  return [
    toggle,
    editor.onKeyDown((event) => {
      if (event.keyCode === monaco.KeyCode.Escape) {
        armed = true;
        apply();
      } else if (event.keyCode !== monaco.KeyCode.Tab) {
        disarm();
      }
    }),
    editor.onDidBlurEditorText(disarm),
  ];
}
