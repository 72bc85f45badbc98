import { useState } from "react";
import { runCommand } from "../../actions/act";

/**
 * State for a form that runs one kubectl line: the error to show under it, and `submit`, which
 * runs the line and calls `onDone` only when kubectl succeeded (on error nothing is lost).
 */
export function useCommandForm(onDone: () => void) {
  const [error, setError] = useState<string | null>(null);
  const submit = (command: string | { error: string }) => {
    if (typeof command !== "string") {
      setError(command.error);
      return false;
    }
    const r = runCommand(command);
    if (!r.ok) {
      setError(r.error || "The command failed.");
      return false;
    }
    setError(null);
    onDone();
    return true;
  };
  return { error, setError, submit };
}
