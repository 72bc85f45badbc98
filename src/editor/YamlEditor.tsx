/** The YAML editor dialog (CodeMirror, loaded on demand). PLACEHOLDER until the editor lands. */
import type { YamlEditorProps } from "./types";

export default function YamlEditor(props: YamlEditorProps) {
  return (
    <div role="dialog" aria-label="YAML editor">
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
