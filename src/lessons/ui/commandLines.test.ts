import { describe, expect, it } from "vitest";
import { commandLines, commandsOf } from "./commandLines";

describe("a lesson's command block", () => {
  it("gives every command a prompt and a heredoc's body none, up to its delimiter", () => {
    const block = ["$ cat <<EOF > svc.yaml", "$ kind: Service", "$   name: web", "$ EOF", "$ kubectl apply -f svc.yaml", "$ cat <<'END'", "$ x", "$ END"];
    expect(commandLines(block)).toEqual([
      { text: "cat <<EOF > svc.yaml", prompt: true },
      { text: "kind: Service", prompt: false },
      { text: "  name: web", prompt: false },
      { text: "EOF", prompt: false },
      { text: "kubectl apply -f svc.yaml", prompt: true },
      { text: "cat <<'END'", prompt: true },
      { text: "x", prompt: false },
      { text: "END", prompt: false },
    ]);
  });

  it("groups a heredoc with its command, for the copy button", () => {
    const block = ["$ cat <<EOF > svc.yaml", "$ kind: Service", "$ EOF", "$ kubectl apply -f svc.yaml"];
    expect(commandsOf(block).map((c) => c.copy)).toEqual(["cat <<EOF > svc.yaml\nkind: Service\nEOF", "kubectl apply -f svc.yaml"]);
    expect(commandsOf(block)[0].lines).toHaveLength(3);
  });
});
