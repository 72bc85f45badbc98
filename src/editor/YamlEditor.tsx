/**
 * The YAML editor dialog (loaded on demand): create, apply or edit any object, or edit a lab
 * file (`vi FILE`). It runs what a learner would type — a heredoc into a lab file, then
 * `kubectl create|apply -f` — through the lab store, so the terminal shows it. Errors are shown
 * where they are (a YAML syntax error at its line; kubectl's validation error at the field it
 * names), and nothing typed is lost: the dialog stays open on error, and unsent text is kept as a
 * draft for the next time the same thing is edited.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { labStore } from "../store";
import { createCodeEditor, type CodeEditor } from "./codeEditor";
import { DEFAULT_FILE, editorCommand, locateFieldError, MAX_TEXT, refLabel, syntaxError, type EditorMode, type Spot } from "./manifest";
import { findTemplate, TEMPLATES } from "./templates";
import type { YamlEditorProps } from "./types";
import "./editor.css";

/** Unsent text per thing edited, kept while the page lives. */
const drafts = new Map<string, string>();

interface Problem {
  title: string;
  /** kubectl's own message, as the terminal shows it. */
  kubectl?: string;
  spot?: Spot;
}

const TITLES: Record<EditorMode, string> = { create: "Create from YAML", apply: "Apply YAML", edit: "Edit", save: "Edit file" };
const ACTIONS: Record<EditorMode, string> = { create: "Create", apply: "Apply", edit: "Apply changes", save: "Save" };

export default function YamlEditor(props: YamlEditorProps) {
  const mode: EditorMode = props.mode ?? "apply";
  const file = props.file ?? DEFAULT_FILE;
  const draftKey = `${mode}:${props.objectRef ?? file}`;
  const original = props.initialText ?? findTemplate(props.templateId ?? (mode === "save" ? undefined : "article-service"))?.text ?? "";
  const [restored] = useState(() => drafts.has(draftKey));
  const [problem, setProblem] = useState<Problem | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const submitRef = useRef<(applyAfterSave?: boolean) => void>(() => {});
  const titleId = useId();
  const templateId = useId();
  const title = mode === "edit" ? `Edit ${refLabel(props.objectRef) ?? "object"}` : mode === "save" ? `Edit ${file}` : TITLES[mode];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    const host = hostRef.current;
    if (!host) return;
    const editor = createCodeEditor(host, drafts.get(draftKey) ?? original, {
      label: "YAML manifest",
      onChange: (text) => (text === original ? drafts.delete(draftKey) : drafts.set(draftKey, text)),
      onSubmit: () => submitRef.current(),
    });
    editorRef.current = editor;
    editor.focus();
    return () => {
      editor.destroy();
      editorRef.current = null;
    };
  }, [draftKey, original]);

  const show = (p: Problem) => {
    setProblem(p);
    if (p.spot) editorRef.current?.select(p.spot.from, p.spot.to);
  };

  const submit = (applyAfterSave = false) => {
    const editor = editorRef.current;
    if (!editor) return;
    const text = editor.text();
    if (text.length > MAX_TEXT) return show({ title: `This manifest is too long for the lab: at most ${MAX_TEXT.toLocaleString("en")} characters.` });
    const syntax = syntaxError(text);
    // kubectl is run even on a syntax error: the terminal then shows its own message.
    const result = labStore.getState().run(editorCommand(mode, file, text, applyAfterSave));
    if (!result) return show({ title: "The lab is not running. Reset it from the top bar, then try again." });
    const ran = mode !== "save" || applyAfterSave;
    if (result.exitCode === 0 && !(syntax && !ran)) {
      drafts.delete(draftKey);
      return props.onClose();
    }
    if (syntax) {
      const saved = ran ? "" : ` (${file} was saved anyway)`;
      return show({ title: `YAML syntax error on line ${syntax.line}: ${syntax.message}${saved}`, kubectl: result.stderr.trim() || undefined, spot: syntax });
    }
    const spot = locateFieldError(text, result.stderr);
    show({ title: spot ? `kubectl refused it — see line ${spot.line}:` : "kubectl refused it:", kubectl: result.stderr.trim(), spot });
  };

  useLayoutEffect(() => {
    submitRef.current = submit;
  });

  const applyTemplate = (id: string) => {
    const t = findTemplate(id);
    if (!t) return;
    editorRef.current?.replace(t.text);
    setProblem(null);
    editorRef.current?.focus();
  };

  const startOver = () => {
    editorRef.current?.replace(original);
    drafts.delete(draftKey);
    setProblem(null);
  };

  const command = editorCommand(mode, file, "", false).split("\n")[0];
  return (
    <dialog ref={dialogRef} className="yed" aria-labelledby={titleId} onClose={props.onClose}>
      <div className="yed-head">
        <h2 id={titleId}>{title}</h2>
        {mode !== "edit" && (
          <>
            <label htmlFor={templateId}>Start from</label>
            <select id={templateId} value="" onChange={(e) => applyTemplate(e.target.value)}>
              <option value="" disabled>
                a template…
              </option>
              {TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="yed-close" aria-label="Close the editor" onClick={props.onClose}>
          ×
        </button>
      </div>
      {restored && (
        <p className="yed-note" role="status">
          Your unsent text from last time is back.{" "}
          <button type="button" className="yed-link" onClick={startOver}>
            Start over
          </button>
        </p>
      )}
      <div className="yed-code" ref={hostRef} />
      {problem && (
        <div className="yed-error" role="alert">
          <p>{problem.title}</p>
          {problem.kubectl && <pre>{problem.kubectl}</pre>}
          {problem.spot && (
            <button type="button" className="yed-link" onClick={() => editorRef.current?.select(problem.spot!.from, problem.spot!.to)}>
              Show line {problem.spot.line}
            </button>
          )}
        </div>
      )}
      <div className="yed-foot">
        <code className="yed-cmd" title="What runs in the terminal">
          $ {command}
        </code>
        <button type="button" className="yed-button" onClick={props.onClose}>
          Cancel
        </button>
        {mode === "save" && (
          <button type="button" className="yed-button" onClick={() => submit(true)}>
            Save and apply
          </button>
        )}
        <button type="button" className="yed-button primary" onClick={() => submit()} title="Ctrl+Enter">
          {ACTIONS[mode]}
        </button>
      </div>
    </dialog>
  );
}
