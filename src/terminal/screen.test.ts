import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columns, drawInput, eraseInput, moveCursor, plain, renderEntry, sanitize, styledPrompt } from "./screen";

describe("what goes to the screen", () => {
  it("renders commands with their prompt and heredoc lines with >", () => {
    expect(renderEntry({ id: 1, kind: "command", prompt: "controlplane:~$ ", text: "cat <<EOF\na\nEOF" })).toBe(
      "\x1b[1;32mcontrolplane:~\x1b[0m$ cat <<EOF\r\n> a\r\n> EOF\r\n",
    );
    expect(renderEntry({ id: 2, kind: "stdout", text: "a\nb" })).toBe("a\r\nb\r\n");
  });

  it("keeps only the clear-screen sequence from output", () => {
    expect(sanitize("\x1b[H\x1b[2J\x1b[3J")).toBe("\x1b[H\x1b[2J\x1b[3J");
    expect(sanitize("red \x1b[31mtext\x1b[0m \x1b]0;title\x07 bell\x07")).toBe("red text  bell");
    expect(plain("\x1b[H\x1b[2J\x1b[3Jhello")).toBe("hello");
  });

  it("never lets an escape sequence through other than clear", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        // eslint-disable-next-line no-control-regex -- control characters are what is checked
        expect(sanitize(s).split("\x1b[H\x1b[2J\x1b[3J").join("")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }),
    );
  });

  it("colours the user@host part of a prompt only", () => {
    expect(styledPrompt("node01:~$ ")).toBe("\x1b[1;32mnode01:~\x1b[0m$ ");
    expect(styledPrompt("> ")).toBe("> ");
  });

  it("moves between cells of a wrapped line", () => {
    expect(moveCursor(5, 2, 80)).toBe("\r\x1b[2C");
    expect(moveCursor(85, 3, 80)).toBe("\x1b[1A\r\x1b[3C");
    expect(moveCursor(3, 160, 80)).toBe("\x1b[2B\r");
    expect(eraseInput(90, 80)).toBe("\x1b[1A\r\x1b[J");
  });

  it("draws the input with the cursor in place, making an exact wrap real", () => {
    const { out, cursorCell } = drawInput("$ ", "abc", 1, 80);
    expect(cursorCell).toBe(3);
    expect(out).toBe("$ abc\r\x1b[3C");
    expect(drawInput("$ ", "ab", 2, 4).out).toBe("$ ab\r\n\r");
  });

  it("lists completions in columns", () => {
    expect(columns(["deployment", "pod", "service"], 30)).toBe("deployment  pod\r\nservice\r\n");
  });
});
