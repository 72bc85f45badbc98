/**
 * Lesson links. Deep links are hash links like the lab's own (`#lesson=service-vip&step=3`, steps
 * counted from 1), so any static host serves them; an embed is a query (`?embed=lesson-3`), so it
 * survives hosts and frames that rewrite hashes. A lesson is named by its id or `lesson-N`.
 */

export interface LessonLink {
  lesson: string;
  /** 0-based. */
  step: number;
}

const NAME = /^[a-z0-9-]{1,40}$/;

function stepOf(text: string | null): number {
  const n = Number(text ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n - 1 : 0;
}

/** `#lesson=ID&step=N` → the link, or undefined when the hash names no lesson. */
export function lessonFromHash(hash: string): LessonLink | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const lesson = params.get("lesson");
  return lesson !== null && NAME.test(lesson) ? { lesson, step: stepOf(params.get("step")) } : undefined;
}

/** `?embed=ID&step=N` → the embedded lesson, or undefined outside an embed. */
export function embedFromSearch(search: string): LessonLink | undefined {
  const params = new URLSearchParams(search);
  const lesson = params.get("embed");
  return lesson !== null && NAME.test(lesson) ? { lesson, step: stepOf(params.get("step")) } : undefined;
}

/** The page's URL with `#lesson=ID&step=N` (step 0-based in, 1-based in the link). */
export function lessonUrl(href: string, lesson: string, step = 0): string {
  const url = new URL(href);
  url.search = url.search.replace(/[?&](embed|presenter)=[^&]*/g, "").replace(/^&/, "?");
  url.hash = step > 0 ? `lesson=${lesson}&step=${step + 1}` : `lesson=${lesson}`;
  return url.toString();
}

/** An embed URL for lesson `lesson` on the site at `href`. */
export function embedUrl(href: string, lesson: string): string {
  const url = new URL(href);
  url.hash = "";
  url.search = `?embed=${lesson}`;
  return url.toString();
}
