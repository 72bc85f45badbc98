/**
 * docs/lesson-format.md agrees with the parser: its example lesson reads and plays, its error
 * examples are what the parser says, and its vocabulary reference is made from the vocabulary.
 * `UPDATE_DOCS=1 npx vitest run src/lessons/file/docs.test.ts` rewrites the generated parts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contextOf, lessonLab, playLesson, typed } from "../testing";
import { formatError, parseLessonFile } from "./parse";
import { DOCUMENTED_CHECKS, vocabularyReference } from "./reference";
import { vocabulary } from "./vocabulary";

const DOC = new URL("../../../docs/lesson-format.md", import.meta.url);
const update = process.env.UPDATE_DOCS === "1";
let doc = readFileSync(DOC, "utf8");

function between(name: string): string {
  const start = doc.indexOf(`<!-- ${name}:start -->\n`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`docs/lesson-format.md has no ${name} markers`);
  return doc.slice(start + `<!-- ${name}:start -->\n`.length, end);
}

function replace(name: string, text: string) {
  const old = between(name);
  doc = doc.replace(`<!-- ${name}:start -->\n${old}`, `<!-- ${name}:start -->\n${text}`);
  writeFileSync(DOC, doc);
}

/** The example lesson, out of its ```markdown fence. */
const example = () => /^```markdown\n([\s\S]*)```\n$/.exec(between("example"))![1];

/** Mistakes made in the example to show what errors read like. */
const MISTAKES: [string, string][] = [
  ["cluster: empty", "cluster: emtpy"],
  ["- endpoints(shop, count: 2, except: {{shopIP}})", "- endpoints(shop, cuont: 2, except: {{shopIP}})"],
  ["- [x] The pod leaves them, and a new pod joins", "- The pod leaves them, and a new pod joins"],
  ["{{shopPod}} still runs", "{{shopPd}} still runs"],
  ["- curled(from: client, service: web, port: 80)", "- curld(from: client, service: web, port: 80)"],
];

describe("docs/lesson-format.md", () => {
  it("its example lesson reads, and plays through with show me and as a learner", () => {
    const r = parseLessonFile(example());
    expect(r.errors.map(formatError)).toEqual([]);
    const lesson = r.lesson!;
    expect(lesson.steps.map((s) => s.id)).toEqual(["look", "relabel", "rules", "check"]);
    for (const mode of ["show-me", "learner"] as const) {
      const l = lessonLab([lesson]);
      playLesson(l, lesson, mode);
      expect(l.runtime.store.getState().progress.lessons[lesson.id]?.completed, mode).toBe(true);
    }
  });

  it("its example's near misses say what they promise", () => {
    const lesson = parseLessonFile(example()).lesson!;
    const l = lessonLab([lesson]);
    l.runtime.open(lesson.id, 1);
    const relabel = lesson.steps[1];
    const memory = l.runtime.store.getState().memory;
    expect(relabel.check(contextOf(l, { memory, commands: [typed(l, `kubectl label pod ${memory.shopPod} app=debug`)] }))).toEqual({ status: "fail", hint: expect.stringContaining("add `--overwrite`") });
    l.lab.getState().run("kubectl label deployment shop app=debug --overwrite");
    expect(relabel.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("That labelled the Deployment") });
  });

  it("its error examples are the parser's own words, on the right lines", () => {
    let text = example();
    for (const [from, to] of MISTAKES) {
      expect(text.includes(from), from).toBe(true);
      text = text.replace(from, to);
    }
    const r = parseLessonFile(text);
    const listed = `\`\`\`\n${r.errors.map(formatError).join("\n")}\n\`\`\`\n`;
    if (update) replace("errors", listed);
    expect(r.errors).toHaveLength(MISTAKES.length);
    expect(between("errors")).toBe(listed);
  });

  it("documents every check of the vocabulary, as the vocabulary describes it", () => {
    expect([...DOCUMENTED_CHECKS].sort()).toEqual([...vocabulary().keys()].sort());
    const reference = `${vocabularyReference()}\n`;
    if (update) replace("vocabulary", reference);
    expect(between("vocabulary")).toBe(reference);
  });
});
