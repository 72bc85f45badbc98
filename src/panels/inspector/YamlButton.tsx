import { labStore } from "../../store";
import { uiStore } from "../../ui/store";

/** Opens the YAML editor on one object's current manifest (`kubectl get KIND NAME -o yaml`). */
export function YamlButton({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const open = () => {
    const ns = namespace ? ` -n ${namespace}` : "";
    // A read, not an action: it is not echoed in the terminal.
    const text = labStore.getState().cluster?.exec(`kubectl get ${kind.toLowerCase()} ${name}${ns} -o yaml`).stdout;
    uiStore.getState().openEditor({ mode: "edit", objectRef: `${namespace}/${kind}/${name}`, initialText: text });
  };
  return (
    <button type="button" className="button small" onClick={open}>
      YAML
    </button>
  );
}
