import { labStore, type Notice } from "../store";
import { resetLab } from "../store/session";

/** How long Reset can be taken back: long enough to notice, short enough not to linger in class. */
export const RESET_UNDO_MS = 10_000;

/**
 * Reset, the way a teacher wants it mid-class: at once, with "Cluster reset. Undo" over the canvas
 * (the session message, which floats: nothing moves). Undo replays the lab as it was. The offer
 * ends after {@link RESET_UNDO_MS}, or as soon as a command runs on the new cluster (undoing then
 * would throw that work away).
 */
export function resetWithUndo(): void {
  const { undo } = resetLab();
  const lab = labStore.getState();
  let stopExec = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined = undefined;
  const end = () => {
    clearTimeout(timer);
    stopExec();
    if (labStore.getState().notice === notice) labStore.getState().setNotice(null);
  };
  const notice: Notice = {
    tone: "info",
    title: "Cluster reset.",
    action: {
      label: "Undo reset",
      run: () => {
        end();
        void undo().then((ok) => {
          if (!ok) labStore.getState().setNotice({ tone: "error", title: "The lab before the reset could not be brought back.", detail: "The simulated cluster hit an internal error while replaying it. The fresh cluster stays." });
        });
      },
    },
  };
  lab.setNotice(notice);
  timer = setTimeout(end, RESET_UNDO_MS);
  stopExec = lab.onExec((r) => {
    if (r.source !== "quiet") end();
  });
}
