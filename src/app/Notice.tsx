import { dismissNotice } from "../store/session";
import { useLab } from "../store";
import { useUi, uiStore } from "../ui/store";

/**
 * Messages over the canvas, in a live region: the last canvas action's kubectl error, the
 * session's own message (a saved lab or link that could not be restored), and restore progress.
 */
export function Notice() {
  const notice = useUi((s) => s.notice);
  const session = useLab((s) => s.notice);
  const restoring = useLab((s) => s.restoring);
  return (
    <div className="notice-region" role="status" aria-live="polite">
      {restoring && (
        <div className="notice info">
          Restoring the lab… {restoring.done}/{restoring.total}
        </div>
      )}
      {session && (
        <div className={`notice ${session.tone}`}>
          <div>
            <strong>{session.title}</strong>
            {session.detail && <p>{session.detail}</p>}
            {session.action && (
              <button type="button" className="button small" onClick={session.action.run}>
                {session.action.label}
              </button>
            )}
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss message" onClick={dismissNotice}>
            ×
          </button>
        </div>
      )}
      {notice && (
        <div className={`notice ${notice.tone}`}>
          <pre>{notice.text}</pre>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => uiStore.getState().notify(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
