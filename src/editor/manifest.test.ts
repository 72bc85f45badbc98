import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { editorCommand, locateFieldError, syntaxError } from "./manifest";
import { TEMPLATES } from "./templates";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: bad
  labels:
    app: -nope
spec:
  containers:
  - name: c
    image: nginx
`;

describe("the YAML editor's command", () => {
  it("writes the file with a heredoc and applies it, in one line a learner could type", () => {
    expect(editorCommand("apply", "podflow-edit.yaml", "kind: Pod\n\n")).toBe("cat <<'EOF' > podflow-edit.yaml && kubectl apply -f podflow-edit.yaml\nkind: Pod\nEOF");
    expect(editorCommand("create", "x.yaml", "a: 1")).toBe("cat <<'EOF' > x.yaml && kubectl create -f x.yaml\na: 1\nEOF");
    expect(editorCommand("save", "svc.yml", "a: 1")).toBe("cat <<'EOF' > svc.yml\na: 1\nEOF");
    expect(editorCommand("save", "svc.yml", "a: 1", true)).toBe("cat <<'EOF' > svc.yml && kubectl apply -f svc.yml\na: 1\nEOF");
  });

  it("replaces an edited object as written, so a field deleted in the editor is gone", () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl run p --image=nginx --labels=app=web,tier=front");
    const live = c.exec("kubectl get pod p -o yaml").stdout;
    const line = editorCommand("edit", "podflow-edit.yaml", live.replace(/^ {4}tier: front\n/m, ""));
    expect(line.split("\n")[0]).toBe("cat <<'EOF' > podflow-edit.yaml && kubectl replace -f podflow-edit.yaml");
    expect(c.exec(line).stdout).toBe("pod/p replaced\n");
    expect(c.snapshot().pods.find((x) => x.metadata.name === "p")!.metadata.labels).toEqual({ app: "web" });
  });

  it("picks a terminator the text does not contain", () => {
    expect(editorCommand("apply", "f.yaml", "a: |\n  EOF\nEOF1")).toBe("cat <<'EOF2' > f.yaml && kubectl apply -f f.yaml\na: |\n  EOF\nEOF1\nEOF2");
  });

  it.each(TEMPLATES.map((t) => [t.id, t.text] as const))("template %s creates its object in the lab", (_id, text) => {
    const c = createCluster();
    const r = c.exec(editorCommand("apply", "podflow-edit.yaml", text));
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/ created\n$/);
    expect(c.exec("cat podflow-edit.yaml").stdout).toBe(text);
  });
});

describe("locating errors", () => {
  it("finds a YAML syntax error at the line kubectl names", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n   labels: x\n";
    const e = syntaxError(text);
    const kubectl = createCluster().exec(editorCommand("apply", "podflow-edit.yaml", text)).stderr;
    const line = Number(/line (\d+)/.exec(kubectl)?.[1]);
    expect(e?.line).toBe(line);
    expect(text.slice(0, e!.from).split("\n").length).toBe(line);
    expect(syntaxError(POD)).toBeUndefined();
  });

  it("finds the invalid label kubectl's validation names", () => {
    const stderr = createCluster().exec(editorCommand("apply", "podflow-edit.yaml", POD)).stderr;
    expect(stderr).toMatch(/^The Pod "bad" is invalid: metadata.labels: Invalid value: "-nope"/);
    const spot = locateFieldError(POD, stderr);
    expect(spot?.line).toBe(6);
    expect(POD.slice(spot!.from, spot!.to)).toBe("-nope");
  });

  it("points at the nearest existing field for a missing one", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n";
    const stderr = createCluster().exec(editorCommand("apply", "podflow-edit.yaml", text)).stderr;
    const spot = locateFieldError(text, stderr);
    expect(stderr).toMatch(/spec.containers\[0\].image: Required value/);
    expect(spot?.line).toBe(7);
  });

  it("gives up quietly on messages that name no field", () => {
    expect(locateFieldError(POD, 'Error from server (NotFound): pods "x" not found')).toBeUndefined();
  });
});
