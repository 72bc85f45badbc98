/**
 * Turns what xterm.js sends for keys and pastes (its `onData` strings: characters, control
 * codes, VT escape sequences, bracketed pastes) into editing actions for the prompt.
 */

export type Key =
  | { kind: "text"; text: string }
  | { kind: "paste"; text: string }
  | {
      kind:
        | "enter"
        | "tab"
        | "backspace"
        | "delete"
        | "left"
        | "right"
        | "up"
        | "down"
        | "home"
        | "end"
        | "wordLeft"
        | "wordRight"
        | "killWordBack"
        | "killToStart"
        | "killToEnd"
        | "interrupt"
        | "clearScreen"
        | "eof"
        | "escape";
    };

const SEQUENCES: [string, Key["kind"]][] = [
  ["\x1b[1;5D", "wordLeft"],
  ["\x1b[1;5C", "wordRight"],
  ["\x1b[1;3D", "wordLeft"],
  ["\x1b[1;3C", "wordRight"],
  ["\x1b[3~", "delete"],
  ["\x1b[1~", "home"],
  ["\x1b[4~", "end"],
  ["\x1b[7~", "home"],
  ["\x1b[8~", "end"],
  ["\x1b[A", "up"],
  ["\x1b[B", "down"],
  ["\x1b[C", "right"],
  ["\x1b[D", "left"],
  ["\x1b[H", "home"],
  ["\x1b[F", "end"],
  ["\x1bOA", "up"],
  ["\x1bOB", "down"],
  ["\x1bOC", "right"],
  ["\x1bOD", "left"],
  ["\x1bOH", "home"],
  ["\x1bOF", "end"],
  ["\x1bb", "wordLeft"],
  ["\x1bf", "wordRight"],
  ["\x1b\x7f", "killWordBack"],
];

const CONTROLS: Record<string, Key["kind"]> = {
  "\r": "enter",
  "\n": "enter",
  "\t": "tab",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x01": "home",
  "\x05": "end",
  "\x02": "left",
  "\x06": "right",
  "\x10": "up",
  "\x0e": "down",
  "\x15": "killToStart",
  "\x17": "killWordBack",
  "\x0b": "killToEnd",
  "\x03": "interrupt",
  "\x0c": "clearScreen",
  "\x04": "eof",
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** Pasted text with the line endings a browser or xterm gives normalised to "\n". */
function normalise(text: string): string {
  // Other control characters (ESC sequences, NUL…) cannot be typed in a shell line: drop them.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** Splits one `onData` string into keys. */
export function parseInput(data: string): Key[] {
  if (data.startsWith(PASTE_START)) {
    const end = data.indexOf(PASTE_END);
    const text = data.slice(PASTE_START.length, end < 0 ? undefined : end);
    const rest = end < 0 ? "" : data.slice(end + PASTE_END.length);
    return [{ kind: "paste", text: normalise(text) }, ...(rest ? parseInput(rest) : [])];
  }
  // Several characters with a line break and no escape: a paste without bracketed-paste mode.
  if (data.length > 1 && /[\r\n]/.test(data) && !data.includes("\x1b")) return [{ kind: "paste", text: normalise(data) }];

  const keys: Key[] = [];
  let text = "";
  const flush = () => {
    if (text) keys.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  outer: while (i < data.length) {
    const c = data[i];
    if (c === "\x1b") {
      flush();
      for (const [seq, kind] of SEQUENCES) {
        if (data.startsWith(seq, i)) {
          keys.push({ kind } as Key);
          i += seq.length;
          continue outer;
        }
      }
      // An unknown sequence (F-keys, …) or a lone Escape: skip the whole CSI/SS3 sequence.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      const m = /^\x1b(\[[0-9;?]*[ -/]*[@-~]|O.)?/.exec(data.slice(i));
      if (!m?.[1]) keys.push({ kind: "escape" });
      i += m?.[0].length || 1;
      continue;
    }
    const control = CONTROLS[c];
    if (control) {
      flush();
      keys.push({ kind: control } as Key);
    } else if (c >= " " && !(c >= "\x80" && c <= "\x9f")) text += c;
    i++;
  }
  flush();
  return keys;
}
