import { Dialog } from "../../ui/Dialog";
import { embedUrl, lessonUrl } from "../links";
import { lessonRuntime, useLesson } from "../session";

const rt = lessonRuntime;

/**
 * Every lesson with its progress. Starting one replaces the cluster with the lesson's starting
 * cluster (the lab's Undo cannot bring the old one back, so the list says so).
 */
export function LessonList({ onClose }: { onClose: () => void }) {
  const progress = useLesson((s) => s.progress);
  const open = useLesson((s) => s.lesson?.id);
  return (
    <Dialog title="Lessons" onClose={onClose} wide>
      <p className="muted">Each lesson starts on a cluster of its own: opening one replaces the cluster you have now. Your progress is kept in this browser.</p>
      <ol className="lesson-list">
        {rt.lessons.map((l) => {
          const p = progress.lessons[l.id];
          const passed = p?.passed.length ?? 0;
          const state = p?.completed ? "done" : passed > 0 ? "started" : "new";
          return (
            <li key={l.id} className={`lesson-item ${state}`}>
              <div className="lesson-item-text">
                <h3>
                  {l.number}. {l.title}
                  {p?.completed && (
                    <span className="lesson-badge done" aria-label="completed">
                      ✓ done
                    </span>
                  )}
                </h3>
                <p>{l.summary}</p>
                <p className="muted">
                  {passed} of {l.steps.length} steps · link: <a href={lessonUrl(location.href, l.id)}>#lesson={l.id}</a> · embed: <code>{embedUrl(location.href, `lesson-${l.number}`).replace(/^.*\?/, "?")}</code>
                </p>
              </div>
              <button
                type="button"
                className={`button${state === "done" ? " secondary" : " primary"}`}
                aria-label={`${open === l.id ? "Restart" : state === "new" ? "Start" : "Open"} lesson ${l.number}: ${l.title}`}
                onClick={() => {
                  onClose();
                  rt.open(l.id);
                }}
              >
                {open === l.id ? "Restart" : state === "new" ? "Start" : "Open"}
              </button>
            </li>
          );
        })}
      </ol>
      <p>
        <button type="button" className="button small secondary" onClick={() => rt.forget()}>
          Forget my progress
        </button>
      </p>
    </Dialog>
  );
}
