/**
 * The UI's own state: what is selected, theme, presentation mode, filters, what is collapsed and
 * which dialog is open. Nothing here is cluster truth (that lives in the lab store and its
 * snapshot); this is only how the learner is looking at it.
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { YamlEditorProps } from "../editor/types";

/** What the inspector shows: one object of the cluster, by kind and name. */
export interface Selection {
  kind: "Pod" | "Service" | "Deployment" | "ReplicaSet" | "Node";
  /** Empty for cluster-scoped kinds (Node). */
  namespace: string;
  name: string;
}

export type ThemeChoice = "system" | "light" | "dark";

/** A form or dialog opened from the top bar, the inspector or the keyboard. */
export type Dialog =
  | { kind: "help" }
  | { kind: "legend" }
  | { kind: "settings" }
  | { kind: "create-deployment" }
  | { kind: "run-pod" }
  | { kind: "expose"; target: Selection }
  | { kind: "share" }
  | { kind: "lessons" }
  | { kind: "rules"; node: string };

/** A message for the learner; `error` carries kubectl's stderr. */
export interface Notice {
  tone: "info" | "error";
  text: string;
  /** The command that produced it, when there is one. */
  command?: string;
}

/** The editor is opened with the props it is mounted with (src/editor/types.ts). */
export type EditorRequest = Omit<YamlEditorProps, "onClose">;

/** The canvas's view options: the part of UI state that `toGraph` reads. */
export interface ViewOptions {
  /** Namespace filter; "" shows every namespace. */
  namespace: string;
  /** Label filter as selector text (`app=test,tier!=db`); "" matches everything. */
  labelFilter: string;
  /** kube-system pods drawn as cards (true) or as one count per node (false); the lab store owns it. */
  showSystemPods: boolean;
  /** Deployments ("ns/name") the learner opened although they are large. */
  expanded: readonly string[];
  /** Deployments ("ns/name") the learner collapsed although they are small. */
  collapsed: readonly string[];
}

export interface UiState extends Omit<ViewOptions, "showSystemPods"> {
  selection: Selection | null;
  theme: ThemeChoice;
  presentation: boolean;
  inspectorOpen: boolean;
  terminalOpen: boolean;
  /** Terminal dock height in CSS pixels. */
  terminalHeight: number;
  dialog: Dialog | null;
  editor: EditorRequest | null;
  /** A short message about the last canvas action (e.g. kubectl's error), shown in a live region. */
  notice: Notice | null;
  /**
   * Where the canvas camera should look: canvas node ids ("pod:ns/name", "svc:ns/name",
   * "deploy:ns/name", "rs:ns/name", "frame:NODE"), set by a caption, a lesson step or the
   * inspector. `seq` grows with every request, so asking for the same objects again moves the
   * camera again. The canvas fits those that are drawn; ids it does not draw are ignored.
   */
  focus: { ids: readonly string[]; seq: number } | null;

  select(selection: Selection | null): void;
  setTheme(theme: ThemeChoice): void;
  setPresentation(on: boolean): void;
  setInspectorOpen(open: boolean): void;
  setTerminalOpen(open: boolean): void;
  setTerminalHeight(px: number): void;
  setNamespace(ns: string): void;
  setLabelFilter(text: string): void;
  /** Opens a large deployment's pods, or collapses a small one's, on the canvas. */
  toggleDeployment(key: string, currentlyCollapsed: boolean): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  notify(notice: Notice | null): void;
  /** Asks the canvas to bring these objects into view (see `focus`); an empty list does nothing. */
  focusOn(ids: readonly string[]): void;
  openEditor(request: EditorRequest): void;
  closeEditor(): void;
}

const THEME_KEY = "podflow.theme";
const MIN_TERMINAL = 120;

function savedTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system"; // storage can be blocked (privacy mode); the theme is not worth an error
  }
}

function without(list: readonly string[], key: string): string[] {
  return list.filter((k) => k !== key);
}

/** Creates a UI store (one per app; tests make their own). */
export function createUiStore() {
  return createStore<UiState>()((set, get) => ({
    selection: null,
    theme: savedTheme(),
    presentation: false,
    inspectorOpen: true,
    terminalOpen: true,
    terminalHeight: 180,
    dialog: null,
    editor: null,
    notice: null,
    focus: null,
    namespace: "",
    labelFilter: "",
    expanded: [],
    collapsed: [],

    select: (selection) => set({ selection, inspectorOpen: selection ? true : get().inspectorOpen }),
    setTheme(theme) {
      try {
        globalThis.localStorage?.setItem(THEME_KEY, theme);
      } catch {
        // not persisted; it still applies for this visit
      }
      set({ theme });
    },
    setPresentation: (presentation) => set({ presentation }),
    setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
    setTerminalOpen: (terminalOpen) => set({ terminalOpen }),
    setTerminalHeight: (px) => set({ terminalHeight: Math.max(MIN_TERMINAL, Math.round(px)) }),
    setNamespace: (namespace) => set({ namespace }),
    setLabelFilter: (labelFilter) => set({ labelFilter }),
    toggleDeployment(key, currentlyCollapsed) {
      const { expanded, collapsed } = get();
      if (currentlyCollapsed) set({ expanded: [...without(expanded, key), key], collapsed: without(collapsed, key) });
      else set({ collapsed: [...without(collapsed, key), key], expanded: without(expanded, key) });
    },
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    notify: (notice) => set({ notice }),
    focusOn: (ids) => {
      if (ids.length > 0) set({ focus: { ids: [...ids], seq: (get().focus?.seq ?? 0) + 1 } });
    },
    openEditor: (editor) => set({ editor }),
    closeEditor: () => set({ editor: null }),
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;

/** The app's UI store. */
export const uiStore = createUiStore();

/** Reads the smallest slice of UI state a component draws. */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}

/** Same key for a namespaced object everywhere in the UI: "ns/name". */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/** True when `a` and `b` name the same object. */
export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return !!a && !!b && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}
