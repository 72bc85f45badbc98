import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as L from "./lineEditor";

const at = (text: string, cursor: number): L.Line => L.moveTo(L.lineOf(text), cursor);
const show = (l: L.Line) => `${l.chars.slice(0, l.cursor).join("")}|${l.chars.slice(l.cursor).join("")}`;

describe("editing the prompt line", () => {
  it("inserts and deletes at the cursor", () => {
    expect(show(L.insert(at("kubectl pods", 8), "get "))).toBe("kubectl get |pods");
    expect(show(L.backspace(at("kubectl", 3)))).toBe("ku|ectl");
    expect(show(L.deleteForward(at("kubectl", 3)))).toBe("kub|ctl");
    expect(show(L.backspace(at("x", 0)))).toBe("|x");
  });

  it("kills words and line parts like readline", () => {
    expect(show(L.killWordBack(at("kubectl get pods  ", 18)))).toBe("kubectl get |");
    expect(show(L.killWordBack(at("kubectl get --selector=app=web", 30)))).toBe("kubectl get |");
    expect(show(L.killToStart(at("kubectl get pods", 8)))).toBe("|get pods");
    expect(show(L.killToEnd(at("kubectl get pods", 8)))).toBe("kubectl |");
  });

  it("moves by words", () => {
    const l = at("kubectl get pods", 16);
    expect(L.wordStartBefore(l)).toBe(12);
    expect(L.wordEndAfter(at("kubectl get pods", 0))).toBe(7);
  });

  it("never splits a character made of two UTF-16 units", () => {
    expect(L.textOf(L.backspace(L.lineOf("echo 🚀")))).toBe("echo ");
  });

  it("keeps the cursor within the line whatever the edits", () => {
    const op = fc.constantFrom<(l: L.Line) => L.Line>(
      (l) => L.insert(l, "ab"),
      L.backspace,
      L.deleteForward,
      L.killWordBack,
      L.killToStart,
      L.killToEnd,
      (l) => L.moveTo(l, l.cursor - 1),
      (l) => L.moveTo(l, l.cursor + 1),
      (l) => L.moveTo(l, L.wordStartBefore(l)),
      (l) => L.moveTo(l, L.wordEndAfter(l)),
    );
    fc.assert(
      fc.property(fc.string(), fc.array(op, { maxLength: 30 }), (text, ops) => {
        let l = L.lineOf(text);
        for (const f of ops) {
          l = f(l);
          expect(l.cursor).toBeGreaterThanOrEqual(0);
          expect(l.cursor).toBeLessThanOrEqual(l.chars.length);
        }
      }),
    );
  });
});

describe("browsing the history", () => {
  const history = ["kubectl get nodes", "kubectl get pods"];

  it("goes back from the newest, and forward to the line being typed", () => {
    const up1 = L.historyUp(history, L.NO_HISTORY, "draft")!;
    expect(up1.text).toBe("kubectl get pods");
    const up2 = L.historyUp(history, up1.at, up1.text)!;
    expect(up2.text).toBe("kubectl get nodes");
    expect(L.historyUp(history, up2.at, up2.text)).toBeUndefined();
    const down1 = L.historyDown(history, up2.at)!;
    expect(down1.text).toBe("kubectl get pods");
    expect(L.historyDown(history, down1.at)).toEqual({ at: L.NO_HISTORY, text: "draft" });
    expect(L.historyDown(history, L.NO_HISTORY)).toBeUndefined();
  });

  it("does nothing with an empty history", () => {
    expect(L.historyUp([], L.NO_HISTORY, "x")).toBeUndefined();
  });
});
