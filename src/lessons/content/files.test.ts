import { describe, expect, it } from "vitest";
import { LESSONS } from "..";
import { parseLessonFile } from "../file/parse";
import { DOCUMENTED_CHECKS } from "../file/reference";
import { isBuiltInValue, valueVocabulary } from "../file/values";
import { vocabulary } from "../file/vocabulary";
import { readFileSync } from "node:fs";
import { builtinLesson } from "./builtin";
import { LESSON_FILES } from "./files";

describe("the built-in lesson files", () => {
  it("all parse, and they are the lessons the app plays, in order", () => {
    for (const f of LESSON_FILES) expect(parseLessonFile(f.text).errors, f.path).toEqual([]);
    expect(LESSON_FILES.map((f) => builtinLesson(f.path, f.text).id)).toEqual(LESSONS.map((l) => l.id));
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The Playwright specs read the same files from the disk (e2e/lessons.ts).
    for (const f of LESSON_FILES) expect(readFileSync(new URL(f.path, import.meta.url), "utf8"), f.path).toBe(f.text);
  });

  it("keep the ids saved progress and links use: lessons and steps", () => {
    expect(Object.fromEntries(LESSONS.map((l) => [l.id, l.steps.map((s) => s.id)]))).toEqual({
      "three-ranges": ["nodes", "kubeadm-config", "apiserver-flag", "pod-ips", "service-ip", "check"],
      "pod-ips": ["deploy", "find-ip", "curl-pod", "delete", "curl-old", "check"],
      "service-vip": ["expose", "get-svc", "describe", "curl", "delete-pod", "curl-again", "check"],
      selectors: ["no-endpoints", "reject-rule", "recreate", "ram", "relabel", "scale", "orphan", "check"],
      "file-method": ["write", "defaults", "multi-port", "endpoints", "no-names", "no-match", "bad-target", "check"],
      rules: ["kube-proxy", "filter", "services", "svc-chain", "sep-chain", "live", "switch-ipvs", "ipvs", "kube-ipvs0", "check"],
      microservices: ["mysql", "expose-mysql", "dns", "wordpress", "nodeport", "outside", "check"],
      load: ["random", "ipvs", "rr", "lc", "lc-run", "affinity", "check"],
    });
  });

  it("use every check and value written in code beside them (none is left over)", () => {
    const text = LESSON_FILES.map((f) => f.text).join("\n");
    const used = (name: string) => new RegExp(`\\b${name}\\(`).test(text);
    const codeChecks = [...vocabulary().keys()].filter((n) => !DOCUMENTED_CHECKS.includes(n));
    const codeValues = [...valueVocabulary().keys()].filter((n) => !isBuiltInValue(n));
    expect(codeChecks.length).toBeGreaterThan(0);
    expect(codeChecks.filter((n) => !used(n))).toEqual([]);
    expect(codeValues.filter((n) => !used(n))).toEqual([]);
  });
});
