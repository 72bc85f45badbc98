import type { ReactNode } from "react";
import { useLab } from "../store";

/**
 * Re-throws an engine error the store recorded (from the clock or a command) during render, so the
 * nearest error boundary shows it. Event handlers and timers are outside React's boundaries.
 */
export function FatalGate({ children }: { children: ReactNode }) {
  const fatal = useLab((s) => s.fatal);
  if (fatal) throw fatal;
  return children;
}
