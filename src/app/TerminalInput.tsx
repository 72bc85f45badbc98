import { useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from "react";
import { CONTINUATION_PROMPT, useLab } from "../store";

/**
 * The input line: Enter runs it, up/down walk the history, Ctrl+C abandons it, Ctrl+L clears the
 * screen. A multi-line paste runs line by line, with each heredoc block sent as one command.
 */
export function TerminalInput({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const prompt = useLab((s) => (s.terminal.heredoc ? CONTINUATION_PROMPT : s.terminal.prompt));
  const history = useLab((s) => s.terminal.history);
  const enterLine = useLab((s) => s.enterLine);
  const pasteText = useLab((s) => s.pasteText);
  const interrupt = useLab((s) => s.interrupt);
  const clearTerminal = useLab((s) => s.clearTerminal);
  const [value, setValue] = useState("");
  // Position in the history while browsing with the arrow keys; null when editing a new line.
  const [cursor, setCursor] = useState<number | null>(null);
  const [draft, setDraft] = useState("");

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      enterLine(value);
      setValue("");
      setCursor(null);
    } else if (e.key === "ArrowUp") {
      if (history.length === 0) return;
      e.preventDefault();
      const next = cursor === null ? history.length - 1 : Math.max(0, cursor - 1);
      if (cursor === null) setDraft(value);
      setCursor(next);
      setValue(history[next]);
    } else if (e.key === "ArrowDown") {
      if (cursor === null) return;
      e.preventDefault();
      const next = cursor + 1;
      if (next >= history.length) {
        setCursor(null);
        setValue(draft);
      } else {
        setCursor(next);
        setValue(history[next]);
      }
    } else if (e.ctrlKey && e.key === "c" && !window.getSelection()?.toString()) {
      e.preventDefault();
      interrupt(value);
      setValue("");
      setCursor(null);
    } else if (e.ctrlKey && e.key === "l") {
      e.preventDefault();
      clearTerminal();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\r\n]/.test(text)) return; // one line: the browser pastes it into the input as usual
    e.preventDefault();
    const input = e.currentTarget;
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    const rest = pasteText(value.slice(0, start) + text + value.slice(end));
    setValue(rest);
    setCursor(null);
  };

  return (
    <div className="terminal-input">
      <span className="prompt" aria-hidden="true">
        {prompt}
      </span>
      <input
        ref={inputRef}
        aria-label="Terminal input"
        className="terminal-field"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setCursor(null);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        autoFocus
      />
    </div>
  );
}
