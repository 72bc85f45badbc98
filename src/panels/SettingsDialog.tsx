import { useId } from "react";
import { labStore, useLab } from "../store";
import { useUi, uiStore, type ThemeChoice } from "../ui/store";
import { Dialog } from "../ui/Dialog";

/** Display settings: theme, presentation mode, kube-system pods. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const theme = useUi((s) => s.theme);
  const presentation = useUi((s) => s.presentation);
  const showSystemPods = useLab((s) => s.showSystemPods);
  const themeId = useId();
  return (
    <Dialog title="Settings" onClose={onClose}>
      <div className="form">
        <div className="field">
          <label htmlFor={themeId}>Theme</label>
          <select id={themeId} value={theme} onChange={(e) => uiStore.getState().setTheme(e.target.value as ThemeChoice)}>
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={presentation} onChange={(e) => uiStore.getState().setPresentation(e.target.checked)} /> Presentation mode (larger type, less
          chrome)
        </label>
        <label className="check">
          <input type="checkbox" checked={showSystemPods} onChange={(e) => labStore.getState().setShowSystemPods(e.target.checked)} /> Show kube-system pods
        </label>
      </div>
    </Dialog>
  );
}
