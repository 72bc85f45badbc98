import type { ExecResult } from "../api";

/** A command's result inside the shell; `output` (the interleaved view) is filled in when known. */
export type Res = Omit<ExecResult, "output"> & { output?: string };

/** The interleaved view of a result, for commands that wrote only one stream or did not track order. */
export function outputOf(r: Res): string {
  return r.output ?? r.stdout + r.stderr;
}
