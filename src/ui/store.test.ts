import { describe, expect, it } from "vitest";
import { createUiStore } from "./store";

describe("the UI store", () => {
  it("opens the inspector when something is selected, and keeps it as is when cleared", () => {
    const ui = createUiStore();
    ui.getState().setInspectorOpen(false);
    ui.getState().select({ kind: "Pod", namespace: "default", name: "p" });
    expect(ui.getState().inspectorOpen).toBe(true);
    ui.getState().select(null);
    expect(ui.getState()).toMatchObject({ selection: null, inspectorOpen: true });
  });

  it("opens a collapsed deployment and collapses an open one", () => {
    const ui = createUiStore();
    ui.getState().toggleDeployment("default/big", true);
    expect(ui.getState()).toMatchObject({ expanded: ["default/big"], collapsed: [] });
    ui.getState().toggleDeployment("default/big", false);
    expect(ui.getState()).toMatchObject({ expanded: [], collapsed: ["default/big"] });
  });

  it("never lets the terminal dock shrink to nothing", () => {
    const ui = createUiStore();
    ui.getState().setTerminalHeight(10);
    expect(ui.getState().terminalHeight).toBe(120);
  });
});
