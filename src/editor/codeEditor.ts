/**
 * The CodeMirror 6 part of the YAML editor: a view with YAML highlighting, line numbers, undo,
 * search and bracket matching (basicSetup), labelled for assistive technology, and a way to
 * select and show a range (an error's place).
 */
import { yaml } from "@codemirror/lang-yaml";
import { basicSetup, EditorView } from "codemirror";

export interface CodeEditor {
  text(): string;
  /** Replaces the whole text (undoable with Ctrl+Z). */
  replace(text: string): void;
  /** Selects [from, to), scrolls it into the middle and focuses the editor. */
  select(from: number, to: number): void;
  focus(): void;
  destroy(): void;
}

export interface CodeEditorOptions {
  label: string;
  onChange?: (text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
}

/** Creates the editor inside `parent` holding `doc`. */
export function createCodeEditor(parent: HTMLElement, doc: string, opts: CodeEditorOptions): CodeEditor {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      basicSetup,
      yaml(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": opts.label, "aria-multiline": "true" }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) opts.onChange?.(u.state.doc.toString());
      }),
      EditorView.domEventHandlers({
        keydown(e) {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && opts.onSubmit) {
            e.preventDefault();
            opts.onSubmit();
            return true;
          }
          return false;
        },
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    replace(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    select(from, to) {
      const max = view.state.doc.length;
      const a = Math.min(from, max);
      const b = Math.min(Math.max(to, a), max);
      view.dispatch({ selection: { anchor: a, head: b }, effects: EditorView.scrollIntoView(a, { y: "center" }) });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
