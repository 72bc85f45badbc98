/** Props of the YAML editor dialog (src/editor/YamlEditor.tsx, loaded on demand). */
export interface YamlEditorProps {
  /** Text to start from: an object's current YAML (edit) or a template (create). */
  initialText?: string;
  /** A template to start from when no text is given (see src/editor/templates.ts). */
  templateId?: string;
  /** What the dialog is for; changes the title and the command it runs (apply vs create). */
  mode?: "apply" | "create" | "edit";
  /** "namespace/kind/name" of the object being edited, for mode "edit". */
  objectRef?: string;
  onClose(): void;
}
