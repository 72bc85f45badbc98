/**
 * xterm.js bound to the lab store: the imperative half of the terminal dock, loaded on demand.
 * The store's terminal entries are the truth: whatever appends to them (a typed line, a UI
 * action's `run`, a replayed lab) is written here, and the line being edited is redrawn below.
 * Typed lines are echoed locally as readline would; their command entry is then skipped.
 */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import type { LabState, LabStore } from "../store";
import { uiStore } from "../ui/store";
import { commonPrefix, complete } from "./complete";
import { interceptEditor } from "./editorCommands";
import { parseInput, type Key } from "./keys";
import * as L from "./lineEditor";
import { FONT_FAMILY, FONT_SIZE, isDark, isPresentation, PRESENTATION_FONT_SIZE, themeFor, watchLook } from "./look";
import { cells, columns, CONTINUATION, drawInput, eraseInput, moveCursor, renderEntry } from "./screen";

const CLEAR = "\x1b[H\x1b[2J\x1b[3J";

export interface TerminalHandle {
  focus(): void;
  dispose(): void;
}

export interface MountOptions {
  /** Told the prompt and the line being edited after every redraw (for the accessible mirror). */
  onLine?: (prompt: string, text: string) => void;
  /** id of an element describing the keys, for the input's aria-describedby. */
  describedBy?: string;
}

/** Opens an xterm in `host`, bound to `store`; returns a handle to focus and dispose it. */
export function mountTerminal(host: HTMLElement, store: LabStore, opts: MountOptions = {}): TerminalHandle {
  const reducedMotion = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
  const term = new Terminal({
    fontFamily: FONT_FAMILY,
    fontSize: isPresentation() ? PRESENTATION_FONT_SIZE : FONT_SIZE,
    theme: themeFor(isDark()),
    cursorBlink: !reducedMotion,
    scrollback: 5000,
    macOptionIsMeta: true,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  const textarea = term.textarea;
  textarea?.setAttribute("aria-label", "Terminal input");
  if (opts.describedBy) textarea?.setAttribute("aria-describedby", opts.describedBy);
  safeFit();
  term.write("\x1b[?2004h"); // bracketed paste: a paste arrives marked, not as typed keys

  let line: L.Line = L.EMPTY_LINE;
  let hist: L.HistoryCursor = L.NO_HISTORY;
  /** Cell of the cursor within the drawn input area; null when no input is drawn. */
  let shown: number | null = null;
  /** True while a local action runs: it redraws the input itself afterwards. */
  let local = false;
  /** The next command entry is a line typed here, already on screen. */
  let skipCommand = false;
  let lastId = 0;
  let tabbed = false;
  let escapeArmed = false;

  const state = () => store.getState();
  const prompt = () => (state().terminal.heredoc ? CONTINUATION : state().terminal.prompt);

  function safeFit() {
    try {
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    } catch {
      // not laid out yet: the resize observer fits again
    }
  }

  function erase(): string {
    if (shown === null) return "";
    const out = eraseInput(shown, term.cols);
    shown = null;
    return out;
  }

  function draw(): string {
    const p = prompt();
    const text = L.textOf(line);
    const { out, cursorCell } = drawInput(p, text, line.cursor, term.cols);
    shown = cursorCell;
    opts.onLine?.(p, text);
    return out;
  }

  const redraw = () => term.write(erase() + draw());

  function renderAll(s: LabState) {
    const entries = s.terminal.entries;
    shown = null;
    term.write(CLEAR + entries.map(renderEntry).join("") + draw());
    lastId = entries.at(-1)?.id ?? 0;
  }

  function onStore(s: LabState, prev: LabState) {
    if (s.cluster !== prev.cluster) {
      line = L.EMPTY_LINE;
      hist = L.NO_HISTORY;
      return renderAll(s);
    }
    const entries = s.terminal.entries;
    if (entries === prev.terminal.entries) {
      if (!local && (s.terminal.prompt !== prev.terminal.prompt || s.terminal.heredoc !== prev.terminal.heredoc)) redraw();
      return;
    }
    if (entries.length === 0) {
      shown = null;
      lastId = 0;
      term.write(CLEAR + (local ? "" : draw()));
      return;
    }
    let from = 0;
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].id === lastId) {
        from = i + 1;
        break;
      }
    }
    let out = erase();
    for (const e of entries.slice(from)) {
      if (skipCommand && e.kind === "command") {
        skipCommand = false;
        continue;
      }
      out += renderEntry(e);
    }
    lastId = entries[entries.length - 1].id;
    term.write(out + (local ? "" : draw()));
  }

  /** Moves below the drawn input, leaving it on screen as typed. */
  function commitInput(): string {
    if (shown === null) return "";
    const total = cells(prompt()) + line.chars.length;
    const exact = total > 0 && total % term.cols === 0; // the wrap to a new row is already there
    const out = moveCursor(shown, total, term.cols) + (exact ? "" : "\r\n");
    shown = null;
    return out;
  }

  function localAction(action: () => void) {
    local = true;
    try {
      action();
    } finally {
      local = false;
      skipCommand = false;
    }
  }

  function enter() {
    const text = L.textOf(line);
    term.write(commitInput());
    line = L.EMPTY_LINE;
    hist = L.NO_HISTORY;
    const s = state();
    const editor = s.terminal.heredoc ? undefined : interceptEditor(text, s.cluster);
    localAction(() => {
      skipCommand = true;
      if (!editor) return s.enterLine(text);
      if ("open" in editor) {
        s.echo(text);
        uiStore.getState().openEditor(editor.open);
      } else s.echo(text, { stderr: editor.error });
    });
    term.write(draw());
  }

  function paste(text: string) {
    const parts = (L.beforeCursor(line) + text).split("\n");
    const after = line.chars.slice(line.cursor).join("");
    const last = parts.pop() ?? "";
    for (const part of parts) {
      line = L.lineOf(part);
      redraw();
      enter();
    }
    line = L.moveTo(L.lineOf(last + after), Array.from(last).length);
    redraw();
  }

  function tab() {
    if (state().terminal.heredoc) return edit(L.insert(line, "  ")); // YAML has no tabs
    const c = complete(L.beforeCursor(line), state().snapshot);
    if (c.candidates.length === 1) {
      const done = c.candidates[0];
      return edit(L.insert(line, done.slice(c.word.length) + (done.endsWith("/") ? "" : " ")));
    }
    const prefix = commonPrefix(c.candidates);
    if (prefix.length > c.word.length) return edit(L.insert(line, prefix.slice(c.word.length)));
    if (c.candidates.length > 1 && tabbed) term.write(commitInput() + columns(c.candidates, term.cols) + draw());
  }

  function edit(next: L.Line, keepHistory = false) {
    line = next;
    if (!keepHistory) hist = L.NO_HISTORY;
    redraw();
  }

  function onKey(k: Key) {
    const history = state().terminal.history;
    switch (k.kind) {
      case "text":
        return edit(L.insert(line, k.text));
      case "paste":
        return paste(k.text);
      case "enter":
        return enter();
      case "tab":
        return tab();
      case "backspace":
        return edit(L.backspace(line));
      case "delete":
      case "eof":
        return edit(L.deleteForward(line));
      case "left":
        return edit(L.moveTo(line, line.cursor - 1), true);
      case "right":
        return edit(L.moveTo(line, line.cursor + 1), true);
      case "home":
        return edit(L.moveTo(line, 0), true);
      case "end":
        return edit(L.moveTo(line, line.chars.length), true);
      case "wordLeft":
        return edit(L.moveTo(line, L.wordStartBefore(line)), true);
      case "wordRight":
        return edit(L.moveTo(line, L.wordEndAfter(line)), true);
      case "killWordBack":
        return edit(L.killWordBack(line));
      case "killToStart":
        return edit(L.killToStart(line));
      case "killToEnd":
        return edit(L.killToEnd(line));
      case "up": {
        const r = L.historyUp(history, hist, L.textOf(line));
        if (r) {
          hist = r.at;
          edit(L.lineOf(r.text), true);
        }
        return;
      }
      case "down": {
        const r = L.historyDown(history, hist);
        if (r) {
          hist = r.at;
          edit(L.lineOf(r.text), true);
        }
        return;
      }
      case "interrupt": {
        const text = L.textOf(line);
        term.write(erase());
        line = L.EMPTY_LINE;
        hist = L.NO_HISTORY;
        localAction(() => state().interrupt(text));
        return term.write(draw());
      }
      case "clearScreen":
        return state().clearTerminal();
      case "escape":
        return;
    }
  }

  const dataListener = term.onData((data) => {
    if (state().restoring || !state().cluster) return;
    for (const k of parseInput(data)) {
      onKey(k);
      tabbed = k.kind === "tab";
    }
  });

  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== "keydown") return true;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === "v") return false; // let the browser paste: xterm gets a paste event
    if (mod && key === "c" && (e.shiftKey || e.metaKey || term.hasSelection())) {
      const text = term.getSelection();
      if (text) navigator.clipboard?.writeText(text).catch(() => {});
      return false;
    }
    // Escape then Tab leaves the terminal (Tab alone completes), so the keyboard is never trapped.
    if (e.key === "Tab" && escapeArmed) {
      escapeArmed = false;
      return false;
    }
    escapeArmed = e.key === "Escape";
    return true;
  });

  const unsubscribe = store.subscribe(onStore);
  renderAll(state());

  let frame = 0;
  const refit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const cols = term.cols;
      safeFit();
      if (term.cols !== cols && shown !== null) redraw();
    });
  };
  const resize = new ResizeObserver(refit);
  resize.observe(host);
  const stopLook = watchLook(() => {
    term.options.theme = themeFor(isDark());
    const size = isPresentation() ? PRESENTATION_FONT_SIZE : FONT_SIZE;
    if (term.options.fontSize !== size) {
      term.options.fontSize = size;
      refit();
    }
  });

  return {
    focus: () => term.focus(),
    dispose() {
      cancelAnimationFrame(frame);
      resize.disconnect();
      stopLook();
      unsubscribe();
      dataListener.dispose();
      term.dispose();
    },
  };
}
