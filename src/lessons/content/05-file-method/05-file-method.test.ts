import { describe, expect, it } from "vitest";
import { contextOf, lessonLab, type LessonLab } from "../../testing";
import type { CommandRecord, Step } from "../../types";
import { fileMethod } from "../files";

const step = (id: string): Step => fileMethod.steps.find((s) => s.id === id)!;
/** The step's "show me" lines (all of this lesson's are fixed lists). */
const shown = (id: string) => (step(id).showMe as readonly unknown[]).filter((a): a is string => typeof a === "string");

/** A lab on scenario `id` that records every line typed from now on. */
function lab(id = "lesson-file") {
  const l = lessonLab([fileMethod]);
  l.controller.loadScenario(id);
  const commands: CommandRecord[] = [];
  l.lab.getState().onExec((r) => void commands.push({ line: r.line, prompt: r.prompt, result: r.result, source: r.source }));
  return { l, commands };
}

/** Types lines into the terminal the way a learner does (heredocs pasted whole). */
function type(l: LessonLab, ...lines: string[]) {
  for (const line of lines) {
    if (line.includes("\n")) l.lab.getState().pasteText(`${line}\n`);
    else l.lab.getState().enterLine(line);
  }
}

const ctxOf = (t: ReturnType<typeof lab>, memory: Record<string, string> = {}) => contextOf(t.l, { commands: [...t.commands], flows: [...t.l.lab.getState().cluster!.traffic.flows()], memory });
const hint = (text: string) => ({ status: "fail", hint: expect.stringContaining(text) });

const svcYaml = (name: string, spec: string, ns?: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ""}
spec:
${spec}
EOF`;

describe("lesson 5: the file method", () => {

  it("ends on a fresh cluster, and asks for predictions", () => {
    expect(fileMethod.steps.at(-1)?.id).toBe("check");
    expect(fileMethod.steps.at(-1)?.fresh).toBe("lesson-file-check");
    expect(fileMethod.steps.filter((s) => s.predict).length).toBeGreaterThanOrEqual(3);
  });

  describe("write", () => {
    const check = step("write").check;
    it("passes once my-service from the file has endpoints", () => {
      const t = lab();
      type(t.l, ...shown("write"));
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("says to apply a file that was only written", () => {
      const t = lab();
      type(t.l, shown("write")[0]);
      expect(check(ctxOf(t))).toEqual(hint("kubectl apply -f svc.yaml"));
    });
    it("explains a forgotten targetPort", () => {
      const t = lab();
      type(t.l, svcYaml("my-service", "  selector:\n    app: test\n  ports:\n  - port: 8080"));
      expect(check(ctxOf(t))).toEqual(hint("defaults to `port`"));
    });
    it("catches a selector that is not app: test", () => {
      const t = lab();
      type(t.l, svcYaml("my-service", "  selector:\n    app: tset\n  ports:\n  - port: 8080\n    targetPort: 80"));
      expect(check(ctxOf(t))).toEqual(hint("app: test"));
    });
    it("asks for a file when the Service was exposed from the command line", () => {
      const t = lab();
      type(t.l, "kubectl expose deployment test --port=8080 --target-port=80 --name=my-service");
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual(hint("command-line way"));
    });
    it("points at the error when the file is refused", () => {
      const t = lab();
      type(t.l, svcYaml("my-service", "  selector:\n    app: test\n  ports:\n  - port: 70000\n    targetPort: 80"));
      expect(check(ctxOf(t))).toEqual(hint("refused the file"));
    });
  });

  describe("defaults", () => {
    const check = step("defaults").check;
    const ready = () => {
      const t = lab();
      type(t.l, ...shown("write"));
      t.l.lab.getState().step(2000);
      t.commands.length = 0;
      return t;
    };
    it("passes on the stored YAML", () => {
      const t = ready();
      type(t.l, "k get service my-service -o yaml");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("asks for -o yaml after the table", () => {
      const t = ready();
      type(t.l, "kubectl get svc my-service");
      expect(check(ctxOf(t))).toEqual(hint("-o yaml"));
    });
    it("tells the file from the stored object", () => {
      const t = ready();
      type(t.l, "cat svc.yaml");
      expect(check(ctxOf(t))).toEqual(hint("That is your file"));
    });
  });

  describe("multi-port", () => {
    const check = step("multi-port").check;
    it("passes once both named ports resolve", () => {
      const t = lab();
      type(t.l, ...shown("multi-port"));
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("catches the Service made in the default namespace", () => {
      const t = lab();
      type(
        t.l,
        svcYaml("kube-state-metrics", "  selector:\n    app.kubernetes.io/name: kube-state-metrics\n  ports:\n  - name: http-metrics\n    port: 8080\n    targetPort: http-metrics\n  - name: telemetry\n    port: 8081\n    targetPort: telemetry"),
      );
      expect(check(ctxOf(t))).toEqual(hint("namespace: kube-system"));
    });
    it("asks for names instead of numbers", () => {
      const t = lab();
      type(
        t.l,
        svcYaml(
          "kube-state-metrics",
          "  selector:\n    app.kubernetes.io/name: kube-state-metrics\n  ports:\n  - name: http-metrics\n    port: 8080\n    targetPort: 8080\n  - name: telemetry\n    port: 8081\n    targetPort: 8081",
          "kube-system",
        ),
      );
      expect(check(ctxOf(t))).toEqual(hint("this step is about names"));
    });
    it("points at the missing names when the apply is refused", () => {
      const t = lab();
      type(t.l, svcYaml("kube-state-metrics", "  selector:\n    app.kubernetes.io/name: kube-state-metrics\n  ports:\n  - port: 8080\n  - port: 8081", "kube-system"));
      expect(check(ctxOf(t))).toEqual(hint("needs a `name:`"));
    });
  });

  describe("endpoints", () => {
    // The kube-state-metrics pod's IP, which the output must show, is read when the step opens.
    const check = (ctx: ReturnType<typeof ctxOf>) => step("endpoints").check({ ...ctx, memory: step("endpoints").enter!(ctx) });
    const ready = () => {
      const t = lab();
      type(t.l, ...shown("multi-port"));
      t.l.lab.getState().step(2000);
      t.commands.length = 0;
      return t;
    };
    it("passes on describe", () => {
      const t = ready();
      type(t.l, "kubectl describe svc kube-state-metrics -n kube-system");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("passes on the endpoints too", () => {
      const t = ready();
      type(t.l, "kubectl get ep -n kube-system kube-state-metrics");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("reminds the namespace", () => {
      const t = ready();
      type(t.l, "kubectl describe svc kube-state-metrics");
      expect(check(ctxOf(t))).toEqual(hint("-n kube-system"));
    });
  });

  describe("no-names", () => {
    const check = step("no-names").check;
    it("passes on the API server's error", () => {
      const t = lab();
      type(t.l, ...shown("no-names"));
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("says when the Service was accepted because it had names", () => {
      const t = lab();
      type(t.l, svcYaml("test-two", "  selector:\n    app: test\n  ports:\n  - name: a\n    port: 8080\n    targetPort: 80\n  - name: b\n    port: 9090\n    targetPort: 80"));
      expect(check(ctxOf(t))).toEqual(hint("was accepted"));
    });
  });

  describe("no-match", () => {
    const check = step("no-match").check;
    it("passes once the empty endpoints are seen", () => {
      const t = lab();
      type(t.l, ...shown("no-match").slice(0, 2));
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("passes on a refused curl too", () => {
      const t = lab();
      type(t.l, shown("no-match")[0], "kubectl exec client -- curl -sS -m 5 typo:8080");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("asks to look after a silent success", () => {
      const t = lab();
      type(t.l, shown("no-match")[0]);
      expect(check(ctxOf(t))).toEqual(hint("created without a word"));
    });
    it("wants a selector that matches nothing", () => {
      const t = lab();
      type(t.l, svcYaml("typo", "  selector:\n    app: test\n  ports:\n  - port: 8080\n    targetPort: 80"), "kubectl describe svc typo");
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual(hint("app: tset"));
    });
  });

  describe("bad-target", () => {
    const check = step("bad-target").check;
    const typoSpec = (target: string) =>
      `  selector:\n    app.kubernetes.io/name: kube-state-metrics\n  ports:\n  - name: http-metrics\n    port: 8080\n    targetPort: ${target}\n  - name: telemetry\n    port: 8081\n    targetPort: telemetry`;
    it("passes once the half-resolved Service is described", () => {
      const t = lab();
      type(t.l, shown("bad-target")[0]);
      t.l.lab.getState().step(2000);
      type(t.l, "kubectl -n kube-system describe svc ksm-typo");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("asks to read it after the silent success", () => {
      const t = lab();
      type(t.l, shown("bad-target")[0]);
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual(hint("describe svc ksm-typo"));
    });
    it("catches the default namespace", () => {
      const t = lab();
      type(t.l, svcYaml("ksm-typo", typoSpec("metrics")));
      expect(check(ctxOf(t))).toEqual(hint("in default"));
    });
    it("wants the first targetPort to miss", () => {
      const t = lab();
      type(t.l, svcYaml("ksm-typo", typoSpec("http-metrics"), "kube-system"));
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual(hint("Both ports found the pod"));
    });
  });

  describe("check", () => {
    const check = step("check").check;
    const apiSpec = (web: string, admin: string) => `  selector:\n    app: api\n  ports:\n  - name: web\n    port: 80\n    targetPort: ${web}\n  - name: admin\n    port: 9000\n    targetPort: ${admin}`;
    it("starts with no Service and passes with named targetPorts", () => {
      const t = lab("lesson-file-check");
      expect(check(ctxOf(t)).status).toBe("fail");
      type(t.l, ...shown("check"));
      t.l.lab.getState().step(2000);
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("asks for names instead of numbers", () => {
      const t = lab("lesson-file-check");
      type(t.l, svcYaml("api", apiSpec("80", "9000")));
      expect(check(ctxOf(t))).toEqual(hint("by name"));
    });
    it("names the container's real ports after a wrong name", () => {
      const t = lab("lesson-file-check");
      type(t.l, svcYaml("api", apiSpec("http", "admin")));
      expect(check(ctxOf(t))).toEqual(hint("no port named `http`"));
    });
    it("catches swapped targets", () => {
      const t = lab("lesson-file-check");
      type(t.l, svcYaml("api", apiSpec("admin", "web")));
      expect(check(ctxOf(t))).toEqual(hint("Port 80 goes to `targetPort: web`"));
    });
    it("explains the refused unnamed ports", () => {
      const t = lab("lesson-file-check");
      type(t.l, svcYaml("api", "  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: web\n  - port: 9000\n    targetPort: admin"));
      expect(check(ctxOf(t))).toEqual(hint("needs a `name:`"));
    });
  });
});
