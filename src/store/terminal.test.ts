import { describe, expect, it } from "vitest";
import { outputEntries } from "./terminal";

describe("outputEntries", () => {
  it("shows nothing for a silent command", () => {
    expect(outputEntries({ stdout: "", stderr: "", output: "" })).toEqual([]);
  });

  it("drops the one trailing newline", () => {
    expect(outputEntries({ stdout: "a\nb\n", stderr: "", output: "a\nb\n" })).toEqual([{ kind: "stdout", text: "a\nb" }]);
  });

  it("keeps stdout and stderr in the order the terminal printed them", () => {
    const result = {
      stdout: "pod/a deleted\npod/c deleted\n",
      stderr: 'Error from server (NotFound): pods "b" not found\n',
      output: 'pod/a deleted\nError from server (NotFound): pods "b" not found\npod/c deleted\n',
    };
    expect(outputEntries(result)).toEqual([
      { kind: "stdout", text: "pod/a deleted" },
      { kind: "stderr", text: 'Error from server (NotFound): pods "b" not found' },
      { kind: "stdout", text: "pod/c deleted" },
    ]);
  });

  it("falls back to stdout then stderr when there is no interleaved output", () => {
    expect(outputEntries({ stdout: "x\n", stderr: "e\n" })).toEqual([
      { kind: "stdout", text: "x" },
      { kind: "stderr", text: "e" },
    ]);
  });
});
