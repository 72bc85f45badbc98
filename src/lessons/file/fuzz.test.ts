import { readFileSync } from "node:fs";
import fc from "fast-check";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { contextOf, lessonLab } from "../testing";
import type { CheckContext, Lesson } from "../types";
import { parseLessonFile } from "./parse";

const LESSON = readFileSync(new URL("../content/03-service-vip/03-service-vip.lesson.md", import.meta.url), "utf8");

/** Pieces a hostile or careless author might write. */
const FRAGMENTS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<a href=\"javascript:alert(1)\">x</a>",
  "{{__proto__}}",
  "{{constructor}}",
  "__proto__: { polluted: true }",
  "constructor",
  "## ",
  "## Step {#__proto__}",
  "### Check",
  "### Show me in pod client",
  "### Show me on {{x}}",
  "### Predict",
  "- [x] yes",
  "> reveal",
  "- when ran(/x/) and not exists(pod, a): hint",
  "- ran(/(a+)+$/)",
  "- exists(pod, __proto__=1)",
  "- field(pod, a, __proto__.polluted, equals: 1)",
  "- x = field(pod, a, constructor.prototype)",
  "- __proto__ = pod(app=a)",
  "- serviceExposed(",
  "- curled(from: client, service: x, port: {{nope}})",
  "$ kubectl apply -f - <<EOF",
  "EOF",
  "```",
  "<!--",
  "-->",
  "---",
  "setup: |",
  "  $ kubectl get pods",
  "- wait 99999999s",
  "- traffic from client to web at 9999/s",
  "\u0000\u202e\ud800",
  "`code` **bold** `",
];

const ALLOWED_TAGS = new Set(["p", "code", "strong", "div", "pre", "span", "button"]);
const ALLOWED_ATTRS = new Set(["class", "role", "aria-label", "aria-hidden", "aria-live", "tabindex", "type", "title"]);

let LessonText: FunctionComponent<{ text: string }>;
let InlineText: FunctionComponent<{ text: string }>;
beforeAll(async () => {
  // Imported by path: the component is in the app's project, this test in the node one.
  const path = "../ui/LessonText";
  ({ LessonText, InlineText } = (await import(/* @vite-ignore */ path)) as { LessonText: typeof LessonText; InlineText: typeof InlineText });
});

/** Fails when the markup has a tag or an attribute lesson text does not make. */
function expectNoInjectedMarkup(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(m[1].toLowerCase()), `tag <${m[1]}> in ${html}`).toBe(true);
    for (const a of m[2].matchAll(/([\w-]+)=/g)) expect(ALLOWED_ATTRS.has(a[1].toLowerCase()), `attribute ${a[1]} in ${html}`).toBe(true);
  }
}

function everyText(lesson: Lesson): { block: string[]; inline: string[] } {
  const block: string[] = [];
  const inline: string[] = [lesson.title, lesson.summary];
  for (const s of lesson.steps) {
    block.push(s.body, s.explain, ...s.hints, ...(s.notes ? [s.notes] : []));
    inline.push(s.title);
    if (s.predict) inline.push(s.predict.question, s.predict.reveal, ...s.predict.options);
  }
  return { block, inline };
}

/** A mangled copy of the lesson: lines dropped, doubled, swapped, or with a fragment put in. */
const mangled = fc
  .array(
    fc.oneof(
      fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
      fc.record({ op: fc.constant("dup" as const), at: fc.nat() }),
      fc.record({ op: fc.constant("swap" as const), at: fc.nat() }),
      fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 })) }),
      fc.record({ op: fc.constant("splice" as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((ops) => {
    const lines = LESSON.split("\n");
    for (const o of ops) {
      const i = o.at % lines.length;
      if (o.op === "drop") lines.splice(i, 1);
      else if (o.op === "dup") lines.splice(i, 0, lines[i]);
      else if (o.op === "swap") [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length], lines[i]];
      else if (o.op === "insert") lines.splice(i, 0, o.text);
      else lines[i] = `${lines[i].slice(0, lines[i].length >> 1)}${o.text}${lines[i].slice(lines[i].length >> 1)}`;
    }
    return lines.join("\n");
  });

const random = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 30 })), { maxLength: 30 }).map((parts) => parts.join("\n"));

let ctx: CheckContext;
beforeAll(() => {
  const l = lessonLab([]);
  l.controller.loadScenario("lesson-vip");
  ctx = contextOf(l);
});

afterEach(() => vi.restoreAllMocks());

describe("any file, however broken", () => {
  it("is read without throwing, with errors on lines of the file; what reads has no markup in its text and checks that run", () => {
    const errorLog = vi.spyOn(console, "error");
    let readable = 0;
    fc.assert(
      fc.property(fc.oneof(mangled, random), (text) => {
        const r = parseLessonFile(text);
        const lines = text.replace(/\r\n?/g, "\n").split("\n").length;
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(Math.max(1, lines));
          expect(e.message).not.toMatch(/could not be read/);
        }
        expect(r.ok || r.errors.length > 0).toBe(true);
        if (r.ok) {
          readable++;
          const { block, inline } = everyText(r.lesson);
          for (const t of block) expectNoInjectedMarkup(renderToStaticMarkup(createElement(LessonText, { text: t })));
          for (const t of inline) expectNoInjectedMarkup(renderToStaticMarkup(createElement(InlineText, { text: t })));
          for (const s of r.lesson.steps) {
            s.check(ctx);
            s.enter?.(ctx);
            s.remember?.(ctx);
            s.highlight?.(ctx);
            s.focus?.(ctx);
          }
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300, seed: 15 },
    );
    expect(errorLog).not.toHaveBeenCalled();
    // The mangled files that still read exercise the text and the checks, not only the errors.
    expect(readable).toBeGreaterThan(30);
  });

  it("a lesson's text with markup in it is drawn as text", () => {
    const r = parseLessonFile(LESSON.replace("Describe the Service:", 'Describe <img src=x onerror="alert(1)"> the <script>alert(1)</script> Service:'));
    expect(r.ok).toBe(true);
    const html = renderToStaticMarkup(createElement(LessonText, { text: r.lesson!.steps[2].body }));
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;script&gt;");
    expectNoInjectedMarkup(html);
  });
});
