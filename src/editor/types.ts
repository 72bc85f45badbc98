/** Props of the YAML editor dialog (src/editor/YamlEditor.tsx, loaded on demand). */
export interface YamlEditorProps {
  /** Text to start from: an object's current YAML (edit) or a template (create). */
  initialText?: string;
  /** A template to start from when no text is given (see src/editor/templates.ts). */
  templateId?: string;
  /**
   * What the dialog is for; changes the title and the command it runs:
   * "create" → `kubectl create -f`, "apply" and "edit" → `kubectl apply -f`,
   * "save" → only writes {@link file} (what `vi FILE` in the terminal opens).
   */
  mode?: "apply" | "create" | "edit" | "save";
  /** "namespace/kind/name" of the object being edited, for mode "edit". */
  objectRef?: string;
  /** The lab file the text is written to (default podflow-edit.yaml). */
  file?: string;
  onClose(): void;
}
