import { lazy, Suspense } from "react";
import { useUi, uiStore } from "../ui/store";
import { Dialog } from "../ui/Dialog";
import { CreateDeploymentForm } from "./forms/CreateDeploymentForm";
import { ExposeForm } from "./forms/ExposeForm";
import { RunPodForm } from "./forms/RunPodForm";
import { HelpDialog } from "./HelpDialog";
import { Legend } from "./Legend";
import { SettingsDialog } from "./SettingsDialog";
import { ShareDialog } from "./ShareDialog";

const YamlEditor = lazy(() => import("../editor/YamlEditor"));
const LessonList = lazy(() => import("../lessons/ui/LessonList").then((m) => ({ default: m.LessonList })));
const RulesDialog = lazy(() => import("./rules/RulesDialog"));

const close = () => uiStore.getState().closeDialog();

/** Whichever dialog the UI store says is open, and the YAML editor (loaded on demand). */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  const editor = useUi((s) => s.editor);
  return (
    <>
      {dialog?.kind === "help" && <HelpDialog onClose={close} />}
      {dialog?.kind === "legend" && <Legend onClose={close} />}
      {dialog?.kind === "settings" && <SettingsDialog onClose={close} />}
      {dialog?.kind === "share" && <ShareDialog onClose={close} />}
      {dialog?.kind === "lessons" && (
        <Suspense fallback={<div role="status">Loading the lessons…</div>}>
          <LessonList onClose={close} />
        </Suspense>
      )}
      {dialog?.kind === "create-deployment" && (
        <Dialog title="Create deployment" onClose={close}>
          <CreateDeploymentForm onDone={close} />
        </Dialog>
      )}
      {dialog?.kind === "run-pod" && (
        <Dialog title="Run a lone pod" onClose={close}>
          <RunPodForm onDone={close} />
        </Dialog>
      )}
      {dialog?.kind === "expose" && (
        <Dialog title={`Expose ${dialog.target.name}`} onClose={close}>
          <ExposeForm target={dialog.target} onDone={close} />
        </Dialog>
      )}
      {dialog?.kind === "rules" && (
        <Suspense fallback={<div role="status">Loading the rules…</div>}>
          <RulesDialog node={dialog.node} onClose={close} />
        </Suspense>
      )}
      {editor && (
        <Suspense fallback={<div role="status">Loading the editor…</div>}>
          <YamlEditor {...editor} onClose={() => uiStore.getState().closeEditor()} />
        </Suspense>
      )}
    </>
  );
}
