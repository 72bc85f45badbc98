import { Fragment, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { commandsOf, type Command } from "./commandLines";

/** One line of lesson text with its `code` and **bold**. */
export function InlineText({ text }: { text: string }) {
  return <>{inline(text)}</>;
}

/** `code` and **bold** inside one paragraph. */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/);
  parts.forEach((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) out.push(<code key={i}>{part.slice(1, -1)}</code>);
    else if (part.startsWith("**") && part.endsWith("**") && part.length > 3) out.push(<strong key={i}>{part.slice(2, -2)}</strong>);
    else if (part) out.push(<Fragment key={i}>{part}</Fragment>);
  });
  return out;
}

type CopyState = "idle" | "copied" | "selected";

/**
 * One command: on one line whatever its length (it scrolls sideways rather than break inside a
 * flag), with a copy button. Where the clipboard is blocked (an iframe without permission, plain
 * http) the command is selected instead, for Ctrl+C.
 */
function CommandRow({ command }: { command: Command }) {
  const [state, setState] = useState<CopyState>("idle");
  const text = useRef<HTMLPreElement>(null);
  // A command longer than the rail fades out at the right edge: there is more to scroll to.
  const [more, setMore] = useState(false);
  useLayoutEffect(() => {
    const el = text.current;
    if (!el) return;
    const measure = () => setMore(el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, []);
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command.copy);
      setState("copied");
    } catch {
      // The prompts are not selectable (user-select: none), so this selects what to paste.
      if (text.current) getSelection()?.selectAllChildren(text.current);
      setState("selected");
    }
  };
  return (
    <div className="lesson-cmd-row">
      {/* Focusable: a long command scrolls sideways, from the keyboard too. */}
      <pre ref={text} className={`lesson-cmd-text${more ? " more" : ""}`} tabIndex={0}>
        {command.lines.map((l, j) => (
          <div key={j}>
            {l.prompt && (
              <span className="lesson-prompt" aria-hidden="true">
                ${" "}
              </span>
            )}
            <code>{l.text}</code>
          </div>
        ))}
      </pre>
      <button type="button" className={`lesson-copy ${state}`} aria-label="Copy command" title="Copy the command" onClick={() => void copy()}>
        {state === "copied" ? "Copied" : state === "selected" ? "Ctrl+C" : "Copy"}
      </button>
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? "Copied" : state === "selected" ? "Selected: press Ctrl+C to copy" : ""}
      </span>
    </div>
  );
}

/**
 * Lesson text: paragraphs split on blank lines; a paragraph whose lines all start with `$ ` is a
 * block of commands to type (drawn like the terminal's prompt; a heredoc's lines get none), each
 * command with its copy button.
 */
export function LessonText({ text }: { text: string }) {
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => l.startsWith("$ ")))
          return (
            <div key={i} className="lesson-cmd" role="group" aria-label="Commands to type">
              {commandsOf(lines).map((c, j) => (
                <CommandRow key={j} command={c} />
              ))}
            </div>
          );
        return <p key={i}>{inline(block.replace(/\n/g, " "))}</p>;
      })}
    </>
  );
}
