/** The last request's path read in plain words, one numbered step per rule it met (reading.ts). */
import type { ReactNode } from "react";
import type { ReadingStep } from "./reading";

/** Chain names and addresses in a sentence, set in the rules' monospace so they match the listing. */
const TOKEN = /(KUBE-[A-Z0-9-]+|\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d+)?(?::\d+)?\b)/g;

function withCode(text: string): ReactNode[] {
  return text.split(TOKEN).map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** An ordered list, in netfilter order; nothing when the request met no rules. */
export function PathReading({ steps }: { steps: readonly ReadingStep[] }) {
  if (steps.length === 0) return null;
  return (
    <ol className="path-reading" aria-label="The last request, step by step">
      {steps.map((s, i) => (
        <li key={i}>{withCode(s.text)}</li>
      ))}
    </ol>
  );
}
