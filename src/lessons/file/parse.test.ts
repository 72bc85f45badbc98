import { describe, expect, it } from "vitest";
import { contextOf, lessonLab, playLesson, typed } from "../testing";
import { formatError, parseLessonFile, type LessonFileError } from "./parse";

/** A small lesson that reads; tests break one line of it at a time. */
const GOOD = `---
id: tiny
title: A tiny lesson
summary: One deployment, one Service.
cluster: empty
setup: |
  $ kubectl create deployment web --image=nginx
  - wait 15s
---

# A tiny lesson

## Find the pod {#find}

List the pods:

$ kubectl get pods -o wide

### Predict

How many pods does web run?

- [x] One
- Two

> One: \`kubectl create deployment\` asks for one replica.

### Remember at start

- webPod = pod(app=web)

### Check

- ran(get pods, output: {{webPod}})

### Near misses

- when ran(/get/, exit: any) and not ran(get pods): That listed something else: \`kubectl get pods\`.

### Hints

- \`kubectl get pods -o wide\`

### Show me

$ kubectl get pods -o wide

### Remember

- webIP = pod(app=web, status.podIP)

### Explain

{{webPod}} has IP **{{webIP}}**.

### Point at

pod {{webPod}}

### Notes

Point at the pod's card.

## Expose it {#expose}

$ kubectl expose deployment web --port=80

### Check

- serviceExposed(web, port: 80, targetPort: 80)

### Hints

- \`kubectl expose deployment web --port=80\`

### Show me

$ kubectl expose deployment web --port=80

### Explain

web has a ClusterIP now.
`;

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** The errors of GOOD with `from` replaced by `to` (the first occurrence). */
function errorsWith(from: string, to: string): LessonFileError[] {
  expect(GOOD.includes(from), from).toBe(true);
  const r = parseLessonFile(GOOD.replace(from, to));
  expect(r.ok).toBe(false);
  return r.errors;
}

describe("reading a lesson file", () => {
  it("reads a whole lesson: header, steps, prediction, checks, hints, show me, memory", () => {
    const r = parseLessonFile(GOOD);
    expect(r.errors).toEqual([]);
    const lesson = r.lesson!;
    expect(lesson).toMatchObject({ id: "tiny", number: 1, title: "A tiny lesson", summary: "One deployment, one Service.", scenario: "empty", setup: ["kubectl create deployment web --image=nginx", 15_000] });
    expect(lesson.steps.map((s) => s.id)).toEqual(["find", "expose"]);
    const [find, expose] = lesson.steps;
    expect(find.title).toBe("Find the pod");
    expect(find.body).toBe("List the pods:\n\n$ kubectl get pods -o wide");
    expect(find.predict).toEqual({ question: "How many pods does web run?", options: ["One", "Two"], answer: 0, reveal: "One: `kubectl create deployment` asks for one replica." });
    expect(find.hints).toEqual(["`kubectl get pods -o wide`"]);
    expect(find.showMe).toEqual(["kubectl get pods -o wide"]);
    expect(find.explain).toBe("{{webPod}} has IP **{{webIP}}**.");
    expect(find.notes).toBe("Point at the pod's card.");
    expect(expose.predict).toBeUndefined();
    expect(expose.highlight).toBeUndefined();
  });

  it("plays on a live cluster: the header's setup builds the starting cluster, values are remembered", () => {
    const lesson = parseLessonFile(GOOD).lesson!;
    const l = lessonLab([lesson]);
    playLesson(l, lesson, "show-me");
    const { memory, progress } = l.runtime.store.getState();
    expect(memory.webPod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(memory.webIP).toMatch(/^192\.168\./);
    expect(progress.lessons.tiny?.completed).toBe(true);
  });

  it("a near miss of the file is said when its conditions hold; a check's own hint otherwise", () => {
    const lesson = parseLessonFile(GOOD).lesson!;
    const l = lessonLab([lesson]);
    l.runtime.open("tiny");
    const find = lesson.steps[0];
    const memory = find.enter!(contextOf(l));
    expect(find.check(contextOf(l, { memory, commands: [typed(l, "kubectl get svc")] }))).toEqual({ status: "fail", hint: "That listed something else: `kubectl get pods`." });
    expect(find.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods -o wide")] }))).toEqual({ status: "pass" });
    expect(find.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods -n nowhere")] }))).toEqual({ status: "fail" });
  });

  it("a step on a fresh cluster of setup commands, and show me in a pod or on a node", () => {
    const text = `${GOOD}
## On a fresh cluster {#fresh}

Call the Service.

### Fresh cluster

$ kubectl create deployment api --image=nginx
$ kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: caller
spec:
  containers:
  - name: c
    image: curlimages/curl
    command: ["sleep", "infinity"]
EOF
$ kubectl expose deployment api --port=80
- wait 15s

### Check

- curled(from: caller, service: api, port: 80)

### Hints

- Call it.

### Show me in pod caller

$ curl -s api

### Explain

It answered.

## Rules {#rules}

Look at the rules.

### Check

- ran(iptables-save, on: node01)

### Hints

- \`iptables-save\`

### Show me on node01

$ iptables-save -t nat

### Explain

There they are.
`;
    const r = parseLessonFile(text);
    expect(r.errors.map(formatError)).toEqual([]);
    const fresh = r.lesson!.steps[2];
    expect(fresh.fresh).toBe("empty");
    expect(fresh.setup).toHaveLength(4);
    expect(fresh.setup![1]).toMatch(/^kubectl apply -f - <<EOF\napiVersion: v1\n[\s\S]*\nEOF$/);
    expect(fresh.showMe).toEqual(["kubectl exec caller -- curl -s api"]);
    expect(r.lesson!.steps[3].shell).toBe("node01");
    const l = lessonLab([r.lesson!]);
    playLesson(l, r.lesson!, "show-me");
    expect(l.runtime.store.getState().progress.lessons.tiny?.completed).toBe(true);
  });

  it("an HTML comment is no part of the lesson, and lines keep their numbers", () => {
    const r = parseLessonFile(GOOD.replace("List the pods:", "List the pods:<!-- a note\nfor me -->"));
    expect(r.lesson!.steps[0].body).toBe("List the pods:\n\n\n$ kubectl get pods -o wide");
    const bad = parseLessonFile(GOOD.replace("List the pods:", "<!--\n\n-->List the pods:").replace("- ran(get pods", "- rna(get pods"));
    expect(bad.errors[0].line).toBe(lineOf(GOOD, "- ran(get pods") + 2);
  });
});

describe("every error names its line and what is wrong", () => {
  const cases: [string, string, string, RegExp][] = [
    ["a misspelt check", "- ran(get pods, output: {{webPod}})", "- rna(get pods, output: {{webPod}})", /step "Find the pod": unknown check "rna" \(did you mean "ran"\?\)/],
    ["the example of the issue", "- serviceExposed(web, port: 80, targetPort: 80)", "- servicExposed(web, port: 80, targetPort: 80)", /step "Expose it": unknown check "servicExposed" \(did you mean "serviceExposed"\?\)/],
    ["an unknown argument", "- serviceExposed(web, port: 80, targetPort: 80)", "- serviceExposed(web, port: 80, targtPort: 80)", /has no argument `targtPort` \(did you mean "targetPort"\?\)/],
    ["a missing argument", "- serviceExposed(web, port: 80, targetPort: 80)", "- serviceExposed(web)", /`serviceExposed` needs `port`/],
    ["a number that is not one", "- serviceExposed(web, port: 80, targetPort: 80)", "- serviceExposed(web, port: eighty)", /`port` must be a number, not `eighty`/],
    ["an unclosed call", "- serviceExposed(web, port: 80, targetPort: 80)", "- serviceExposed(web, port: 80", /is not closed/],
    ["a pattern that does not compile", "- ran(get pods, output: {{webPod}})", "- ran(/get (pods/)", /the pattern does not compile/],
    ["a pattern that could backtrack forever", "- ran(get pods, output: {{webPod}})", "- ran(/(a+)+$/)", /repeats a group that itself repeats/],
    ["an unknown kind", "- serviceExposed(web, port: 80, targetPort: 80)", "- exists(servce, web)", /`servce` is not a kind .*did you mean "service"/],
    ["a value never remembered", "- ran(get pods, output: {{webPod}})", "- ran(get pods, output: {{webPdo}})", /\{\{webPdo\}\} is not remembered by an earlier step \(did you mean "webPod"\?\)/],
    ["a value remembered only once the step passed, used in its instruction", "List the pods:", "List the pods of {{webIP}}:", /\{\{webIP\}\} is not remembered by an earlier step/],
    ["an unknown section", "### Hints\n\n- `kubectl get pods -o wide`", "### Hnits\n\n- `kubectl get pods -o wide`", /unknown section "Hnits" \(did you mean "hints"\?\)/],
    ["a prediction without its answer", "- [x] One", "- One", /mark exactly one option as the answer/],
    ["a prediction without its reveal", "> One: `kubectl create deployment` asks for one replica.", "", /add the reveal/],
    ["an unknown header key", "summary: One deployment, one Service.", "sumary: One deployment, one Service.", /header: unknown key "sumary" \(did you mean "summary"\?\)/],
    ["an unknown cluster", "cluster: empty", "cluster: emtpy", /unknown cluster "emtpy" \(did you mean "empty"\?\)/],
    ["a header that is not YAML", "title: A tiny lesson", "title: [A tiny lesson", /header: /],
    ["a setup line that is neither a command nor a wait", "  - wait 15s", "  sleep 15", /a setup line is a command/],
    ["a bad duration", "  - wait 15s", "  - wait soon", /`soon` is not a duration/],
    ["a show me line it cannot do", "### Show me\n\n$ kubectl get pods -o wide", "### Show me\n\nkubectl get pods -o wide", /show me takes commands/],
    ["a step id used twice", "## Expose it {#expose}", "## Expose it {#find}", /another step has the id `find`/],
    ["a lesson id made from a title that is a reserved name", "id: tiny\ntitle: A tiny lesson", "title: constructor", /`constructor` is reserved: give the lesson an `id:`/],
    ["a reserved step id", "## Expose it {#expose}", "## Expose it {#constructor}", /`constructor` is reserved/],
    ["a reserved memory name", "- webIP = pod(app=web, status.podIP)", "- __proto__ = pod(app=web, status.podIP)", /cannot be a name to remember/],
    ["a memory name that is a prototype key", "- webIP = pod(app=web, status.podIP)", "- constructor = pod(app=web, status.podIP)", /`constructor` is reserved/],
    ["a path into the prototype", "- webIP = pod(app=web, status.podIP)", "- webIP = field(pod, x, __proto__.polluted)", /`__proto__` is not a field a path may use/],
    ["a selector key into the prototype", "- webIP = pod(app=web, status.podIP)", "- webIP = pod(__proto__=x)", /is not a label selector/],
    ["an unknown value", "- webIP = pod(app=web, status.podIP)", "- webIP = podd(app=web)", /unknown value "podd" \(did you mean "pod"\?\)/],
    ["a check section with no check", "- serviceExposed(web, port: 80, targetPort: 80)", "", /the Check section lists no check/],
    ["a near miss without its hint", "not ran(get pods): That listed something else: `kubectl get pods`.", "not ran(get pods)", /needs its hint after a `:`/],
    ["a pointer it cannot follow", "pod {{webPod}}", "the pod", /cannot point at `the pod`/],
    ["text before the first step", "# A tiny lesson", "Welcome!", /text before the first step/],
  ];
  for (const [what, from, to, message] of cases) {
    it(what, () => {
      const errors = errorsWith(from, to);
      const text = GOOD.replace(from, to);
      const hit = errors.find((e) => message.test(e.message));
      expect(hit, errors.map(formatError).join("\n")).toBeDefined();
      expect(hit!.line).toBeGreaterThanOrEqual(1);
      expect(hit!.line).toBeLessThanOrEqual(text.split("\n").length);
      expect(formatError(hit!)).toMatch(/^line \d+: /);
    });
  }

  it("each error is on the line it is about", () => {
    const on = (from: string, to: string, needle: string, message: RegExp) => {
      const e = errorsWith(from, to).find((x) => message.test(x.message));
      return [e?.line, lineOf(GOOD.replace(from, to), needle)];
    };
    const pairs = [
      on("- ran(get pods", "- rna(get pods", "- rna(get pods", /unknown check/),
      on("summary: One", "sumary: One", "sumary: One", /unknown key/),
      on("  - wait 15s", "  - wait soon", "  - wait soon", /not a duration/),
      on("### Hints\n\n- `kubectl get pods -o wide`", "### Hnits\n\n- x", "### Hnits", /unknown section/),
      on("- webIP = pod(app=web, status.podIP)", "- webIP = podd(app=web)", "podd(", /unknown value/),
      on("pod {{webPod}}", "that pod", "that pod", /cannot point/),
      on("## Expose it {#expose}", "## Expose it {#find}", "## Expose it {#find}", /another step/),
      on("- [x] One", "- One", "### Predict", /mark exactly one/),
    ];
    pairs.forEach(([got, want], i) => expect(got, `case ${i}`).toBe(want));
    // A YAML error is reported on its line or the next (where the parser noticed it).
    const [g, h] = on("title: A tiny lesson", "title: [A tiny lesson", "title: [A", /header: /);
    expect(g).toBeGreaterThanOrEqual(h!);
    expect(g).toBeLessThanOrEqual(h! + 1);
  });

  it("a file that is not a lesson at all is an error on line 1, never an exception", () => {
    for (const text of ["", "hello", "---", "---\n---\n", "## Step\n", "---\ntitle: x\n---\n"]) {
      const r = parseLessonFile(text);
      expect(r.ok, JSON.stringify(text)).toBe(false);
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
    }
    expect(parseLessonFile(undefined as unknown as string).errors[0]).toEqual({ line: 1, message: "a lesson file is text" });
  });
});

describe("a lesson file is untrusted", () => {
  it("names from the file never reach Object.prototype", () => {
    const hostile = GOOD.replace("id: tiny", "id: tiny\n__proto__: { polluted: yes }")
      .replace("- webIP = pod(app=web, status.podIP)", "- webIP = field(pod, {{webPod}}, metadata.labels[\"__proto__\"])")
      .replace("{{webPod}} has IP", "{{constructor}} {{__proto__}} has IP");
    const r = parseLessonFile(hostile);
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.errors.map((e) => e.message).join("\n")).toMatch(/unknown key "__proto__"/);
  });

  it("{{constructor}} in text is not filled from Object's prototype by the runtime", async () => {
    const { fill } = await import("../runtime");
    expect(fill("{{constructor}} {{toString}} {{a}}", { a: "1" })).toBe("{{constructor}} {{toString}} 1");
  });
});

describe("patterns that could freeze the page", () => {
  it("are refused when a repeated group repeats or alternates inside; ordinary ones are fine", async () => {
    const { backtracksBadly } = await import("./args");
    for (const bad of ["(a+)+", "(a*)*$", "((a)+)+", "(a|aa)*b", "(\\w+\\s?){2,}x", "((ab)*c)*"]) expect(backtracksBadly(bad), bad).toBe(true);
    for (const good of ["^\\s*(kubectl|k)\\b.*\\sget\\s", "Name:\\s+my-service\\b[\\s\\S]*TargetPort:", "(a+)", "(ab)+", "[(+]+", "\\(a+\\)+", "(kubectl|k)?x", "a{2}"]) expect(backtracksBadly(good), good).toBe(false);
  });

  it("a one-line setup in the header reports its errors on its own line", () => {
    const r = parseLessonFile(GOOD.replace(/setup: \|\n {2}\$ kubectl create deployment web --image=nginx\n {2}- wait 15s\n/, "setup: sleep 5\n"));
    expect(r.errors).toContainEqual({ line: lineOf(GOOD, "setup:"), message: expect.stringContaining("a setup line is a command") });
  });
});
