import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInput } from "./keys";

const kinds = (data: string) => parseInput(data).map((k) => (k.kind === "text" || k.kind === "paste" ? `${k.kind}:${k.text}` : k.kind));

describe("reading what xterm.js sends", () => {
  it("tells typed text from keys", () => {
    expect(kinds("kubectl")).toEqual(["text:kubectl"]);
    expect(kinds("\r")).toEqual(["enter"]);
    expect(kinds("\x7f")).toEqual(["backspace"]);
    expect(kinds("\t")).toEqual(["tab"]);
    expect(kinds("\x1b[A\x1b[B\x1b[C\x1b[D")).toEqual(["up", "down", "right", "left"]);
    expect(kinds("\x1bOH\x1b[F\x1b[3~")).toEqual(["home", "end", "delete"]);
    expect(kinds("\x01\x05\x15\x17\x0b\x03\x0c")).toEqual(["home", "end", "killToStart", "killWordBack", "killToEnd", "interrupt", "clearScreen"]);
    expect(kinds("\x1b[1;5D\x1bf")).toEqual(["wordLeft", "wordRight"]);
  });

  it("reads a bracketed paste as one paste with \\n line ends", () => {
    expect(kinds("\x1b[200~cat <<EOF\rkind: Pod\rEOF\r\x1b[201~")).toEqual(["paste:cat <<EOF\nkind: Pod\nEOF\n"]);
  });

  it("reads several lines at once as a paste even without brackets", () => {
    expect(kinds("a\r\nb")).toEqual(["paste:a\nb"]);
  });

  it("drops unknown sequences and stray control characters", () => {
    expect(kinds("\x1b[15~x\x00y\x9b")).toEqual(["text:xy"]);
    expect(kinds("\x1b")).toEqual(["escape"]);
  });

  it("never yields text holding a control character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (data) => {
        // eslint-disable-next-line no-control-regex -- control characters are what is checked
        for (const k of parseInput(data)) if (k.kind === "text") expect(k.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
