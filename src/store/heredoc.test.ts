import { describe, expect, it } from "vitest";
import { splitCommands } from "./heredoc";

describe("splitCommands", () => {
  it("runs every complete pasted line as its own command", () => {
    expect(splitCommands("kubectl get nodes\nkubectl get pods\n")).toEqual({
      commands: ["kubectl get nodes", "kubectl get pods"],
      open: undefined,
      rest: "",
    });
  });

  it("keeps a last line without a newline in the input", () => {
    const r = splitCommands("kubectl get nodes\nkubectl get po");
    expect(r.commands).toEqual(["kubectl get nodes"]);
    expect(r.rest).toBe("kubectl get po");
  });

  it("passes a heredoc as one command", () => {
    const text = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nEOF\nkubectl get pods\n";
    expect(splitCommands(text).commands).toEqual([
      "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nEOF",
      "kubectl get pods",
    ]);
  });

  it("closes a heredoc on a terminator with no newline after it", () => {
    const r = splitCommands("cat <<'END'\nhello\nEND");
    expect(r.commands).toEqual(["cat <<'END'\nhello\nEND"]);
    expect(r.open).toBeUndefined();
    expect(r.rest).toBe("");
  });

  it("keeps blank lines inside a heredoc and reports an unterminated one as open", () => {
    const r = splitCommands("kubectl apply -f - <<EOF\na: 1\n\nb: 2\n");
    expect(r.commands).toEqual([]);
    expect(r.open?.lines).toEqual(["kubectl apply -f - <<EOF", "a: 1", "", "b: 2"]);
  });

  it("continues an open heredoc and accepts a tab-indented terminator with <<-", () => {
    const first = splitCommands("cat <<-EOF\n\tx\n");
    const second = splitCommands("\tEOF\n", first.open);
    expect(second.commands).toEqual(["cat <<-EOF\n\tx\n\tEOF"]);
  });

  it("accepts CRLF line endings from Windows clipboards", () => {
    expect(splitCommands("a <<EOF\r\nx\r\nEOF\r\n").commands).toEqual(["a <<EOF\nx\nEOF"]);
  });
});
