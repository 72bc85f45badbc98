/**
 * Command-line flags the way kubectl (cobra + pflag) parses them: `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, `-n=value`, combined booleans (`-it`), `--` ends flags. Errors carry
 * pflag's exact wording.
 */
import { parseGoDuration } from "../util/goduration";
export type FlagType = "string" | "bool" | "int" | "duration" | "stringArray" | "stringSlice";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** pflag's NoOptDefVal: a flag that may appear without a value (e.g. --dry-run → "unchanged"). */
  noOptDefault?: string;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  args: string[];
  /** Words after `--`. */
  dashArgs: string[];
  flags: Map<string, FlagValue>;
  /** Flags the user gave explicitly. */
  set: Set<string>;
}

export type ParseResult = { ok: true; value: ParsedArgs } | { ok: false; error: string };

export function parseFlags(words: string[], specs: FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, FlagValue>();
  const set = new Set<string>();
  for (const s of specs) if (s.default !== undefined) flags.set(s.name, Array.isArray(s.default) ? [...s.default] : s.default);
  const args: string[] = [];
  let dashArgs: string[] = [];

  // pflag names a flag with a shorthand as "-r, --replicas" in errors, however it was typed.
  const assign = (spec: FlagSpec, raw: string): string | undefined => {
    const display = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
    switch (spec.type) {
      case "bool": {
        const v = raw.toLowerCase();
        if (!["true", "false", "1", "0", "t", "f"].includes(v)) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        flags.set(spec.name, v === "true" || v === "1" || v === "t");
        break;
      }
      case "int": {
        if (!/^[-+]?\d+$/.test(raw)) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        flags.set(spec.name, Number(raw));
        break;
      }
      case "duration": {
        const d = parseGoDuration(raw);
        if (!d.ok) return `invalid argument "${raw}" for "${display}" flag: ${d.error}`;
        flags.set(spec.name, raw);
        break;
      }
      case "stringArray": {
        const prev = set.has(spec.name) ? (flags.get(spec.name) as string[]) : [];
        flags.set(spec.name, [...prev, raw]);
        break;
      }
      case "stringSlice": {
        const prev = set.has(spec.name) ? (flags.get(spec.name) as string[]) : [];
        flags.set(spec.name, [...prev, ...(raw === "" ? [] : raw.split(","))]);
        break;
      }
      default:
        flags.set(spec.name, raw);
    }
    set.add(spec.name);
    return undefined;
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") {
      dashArgs = words.slice(i + 1);
      break;
    }
    if (w.startsWith("--") && w.length > 2) {
      const eq = w.indexOf("=");
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = w.slice(eq + 1);
      else if (spec.type === "bool") raw = "true";
      else if (spec.noOptDefault !== undefined) raw = spec.noOptDefault;
      else if (i + 1 < words.length) raw = words[++i];
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const err = assign(spec, raw);
      if (err) return { ok: false, error: err };
    } else if (w.startsWith("-") && w.length > 1 && !/^-\d/.test(w)) {
      // A run of shorthands: -it, -n ns, -nns, -n=ns, -oyaml
      let j = 1;
      while (j < w.length) {
        const ch = w[j];
        const spec = byShort.get(ch);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${w}` };
        const rest = w.slice(j + 1);
        if (spec.type === "bool") {
          if (rest.startsWith("=")) {
            const err = assign(spec, rest.slice(1));
            if (err) return { ok: false, error: err };
            break;
          }
          flags.set(spec.name, true);
          set.add(spec.name);
          j++;
          continue;
        }
        let raw: string;
        if (rest.length > 0) raw = rest.startsWith("=") ? rest.slice(1) : rest;
        else if (spec.noOptDefault !== undefined) raw = spec.noOptDefault;
        else if (i + 1 < words.length) raw = words[++i];
        else return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
        const err = assign(spec, raw);
        if (err) return { ok: false, error: err };
        break;
      }
    } else {
      args.push(w);
    }
  }
  return { ok: true, value: { args, dashArgs, flags, set } };
}

export const str = (p: ParsedArgs, name: string): string => (p.flags.get(name) as string | undefined) ?? "";
export const bool = (p: ParsedArgs, name: string): boolean => (p.flags.get(name) as boolean | undefined) ?? false;
export const int = (p: ParsedArgs, name: string): number => (p.flags.get(name) as number | undefined) ?? 0;
export const list = (p: ParsedArgs, name: string): string[] => (p.flags.get(name) as string[] | undefined) ?? [];

export { parseGoDuration };
