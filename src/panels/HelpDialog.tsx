import { SHORTCUTS } from "../ui/shortcuts";
import { Dialog } from "../ui/Dialog";

/** The keyboard shortcuts (opened with `?`). */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Every button on the canvas runs the kubectl command a learner would type; watch it appear in the terminal.</p>
    </Dialog>
  );
}
