import { Fragment, type ReactNode } from "react";
import { commandLines } from "./commandLines";

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

/**
 * Lesson text: paragraphs split on blank lines; a paragraph whose lines all start with `$ ` is a
 * block of commands to type (drawn like the terminal's prompt; a heredoc's lines get none).
 */
export function LessonText({ text }: { text: string }) {
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => l.startsWith("$ ")))
          return (
            <pre key={i} className="lesson-cmd" aria-label="Commands to type">
              {commandLines(lines).map((l, j) => (
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
          );
        return <p key={i}>{inline(block.replace(/\n/g, " "))}</p>;
      })}
    </>
  );
}
