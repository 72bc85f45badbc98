/**
 * Content validators with Kubernetes v1.33's exact messages
 * (`k8s.io/apimachinery/pkg/util/validation/validation.go`). Each returns the list of problems
 * (empty = valid), in upstream's order. Lengths are counted in UTF-8 bytes, like Go's `len()`.
 *
 * v1.33 wording (≤ v1.34): lengths say `must be no more than N characters` and a label key with
 * more than one `/` says `a qualified name must consist of …` (v1.35 says `bytes` /
 * `a valid label key`).
 */

/** Go `len(s)`: the UTF-8 byte length. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------- message helpers

/** `MaxLenError` (v1.33). */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`;

/** `EmptyError`. */
export const emptyError = (): string => "must be non-empty";

/** `InclusiveRangeError`. */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/**
 * `RegexError`: `<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')` — every example is
 * written as `'x', ` and ` or ` is put before all but the first, hence the double space.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = msg + " (e.g. ";
  examples.forEach((ex, i) => {
    if (i > 0) out += " or ";
    out += `'${ex}', `;
  });
  return out + `regex used for validation is '${fmt}')`;
}

const anchored = (fmt: string): RegExp => new RegExp(`^(?:${fmt})$`);

// ---------------------------------------------------------------- qualified names / label values

const QNAME_CHAR_FMT = "[A-Za-z0-9]";
const QNAME_EXT_CHAR_FMT = "[-A-Za-z0-9_.]";
export const QUALIFIED_NAME_FMT = `(${QNAME_CHAR_FMT}${QNAME_EXT_CHAR_FMT}*)?${QNAME_CHAR_FMT}`;
const QUALIFIED_NAME_ERR_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QUALIFIED_NAME_MAX_LENGTH = 63;
const qualifiedNameRegexp = anchored(QUALIFIED_NAME_FMT);

/** Label keys and annotation keys (`IsQualifiedName`): optional DNS-subdomain prefix + `/` + name. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  switch (parts.length) {
    case 1:
      name = parts[0];
      break;
    case 2: {
      const prefix = parts[0];
      name = parts[1];
      if (prefix.length === 0) {
        errs.push("prefix part " + emptyError());
      } else {
        const msgs = isDNS1123Subdomain(prefix);
        if (msgs.length !== 0) errs.push(...msgs.map((m) => "prefix part " + m));
      }
      break;
    }
    default:
      return [
        "a qualified name " +
          regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc") +
          " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
  }
  if (name.length === 0) {
    errs.push("name part " + emptyError());
  } else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  }
  if (!qualifiedNameRegexp.test(name)) {
    errs.push("name part " + regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
  }
  return errs;
}

export const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const labelValueRegexp = anchored(LABEL_VALUE_FMT);

/** `IsValidLabelValue`. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRegexp.test(value)) {
    errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  }
  return errs;
}

// ---------------------------------------------------------------- DNS names

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const dns1123LabelRegexp = anchored(DNS1123_LABEL_FMT);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const dns1123SubdomainRegexp = anchored(DNS1123_SUBDOMAIN_FMT);

/**
 * `IsDNS1123Label` (Namespace names, container names, Service port names, hostnames).
 * A value that is a valid subdomain but not a label (so: it has dots) gets `must not contain dots`
 * instead of the regex message. That branch is in apimachinery's HEAD and, as far as we could
 * establish, in v1.33 (UNVERIFIED for v1.33 exactly; older releases print the regex message).
 */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRegexp.test(value)) {
    if (dns1123SubdomainRegexp.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errs;
}

/** `IsDNS1123Subdomain` (most object names, label-key prefixes). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
  }
  return errs;
}

const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_ERR_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const dns1035LabelRegexp = anchored(DNS1035_LABEL_FMT);

/** `IsDNS1035Label` (Service names). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRegexp.test(value)) {
    errs.push(regexError(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  }
  return errs;
}

// ---------------------------------------------------------------- ports

const portNameCharsetRegex = /^[-a-z0-9]+$/;
const portNameOneLetterRegexp = /[a-z]/;

/**
 * `IsValidPortName` (IANA_SVC_NAME: container port names, string targetPorts). Check order:
 * length, charset, at least one letter, `--`, leading/trailing `-`.
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > 15) errs.push(maxLenError(15));
  if (!portNameCharsetRegex.test(port)) {
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!portNameOneLetterRegexp.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port[0] === "-" || port[port.length - 1] === "-")) {
    errs.push("must not begin or end with a hyphen");
  }
  return errs;
}

/** `IsValidPortNum`: 1 ≤ port ≤ 65535. */
export function isValidPortNum(port: number): string[] {
  if (port >= 1 && port <= 65535) return [];
  return [inclusiveRangeError(1, 65535)];
}

/** `IsInRange`. */
export function isInRange(value: number, min: number, max: number): string[] {
  if (value >= min && value <= max) return [];
  return [inclusiveRangeError(min, max)];
}

const PERCENT_FMT = "[0-9]+%";
const percentRegexp = anchored(PERCENT_FMT);

/** `IsValidPercent` (maxSurge / maxUnavailable strings). */
export function isValidPercent(percent: string): string[] {
  if (!percentRegexp.test(percent)) {
    return [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%")];
  }
  return [];
}

// ---------------------------------------------------------------- environment variables

/**
 * `IsRelaxedEnvVarName` (RelaxedEnvironmentVariableValidation, on by default since v1.32):
 * printable ASCII other than `=`.
 */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push("environment variable name " + emptyError());
  for (const ch of value) {
    const c = ch.codePointAt(0) as number;
    if (c > 0x7e || c < 0x20 || ch === "=") {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

// ---------------------------------------------------------------- IP addresses

/**
 * Go's `netutils.ParseIPSloppy` for IPv4 dotted quads: four decimal fields ≤ 255, leading zeros
 * allowed (and read as decimal). Returns the 4 bytes, or null.
 */
export function parseIPv4Sloppy(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]+$/.test(part)) return null;
    const digits = part.replace(/^0+(?=\d)/, "");
    if (digits.length > 3 || Number(digits) > 255) return null;
    out.push(Number(digits));
  }
  return out;
}

/** Parse an IPv6 address (with optional trailing dotted quad); returns 8 groups, or null. */
export function parseIPv6(s: string): number[] | null {
  if (!s.includes(":")) return null;
  let head = s;
  let tail = "";
  const dbl = s.indexOf("::");
  if (dbl !== -1) {
    if (s.indexOf("::", dbl + 1) !== -1) return null;
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const parseGroups = (part: string, allowV4: boolean): number[] | null => {
    if (part === "") return [];
    const fields = part.split(":");
    const out: number[] = [];
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (allowV4 && i === fields.length - 1 && f.includes(".")) {
        const v4 = parseIPv4Sloppy(f);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(f)) return null;
      out.push(parseInt(f, 16));
    }
    return out;
  };
  if (dbl === -1) {
    const groups = parseGroups(s, true);
    return groups && groups.length === 8 ? groups : null;
  }
  const h = parseGroups(head, tail === "");
  const t = parseGroups(tail, true);
  if (!h || !t || h.length + t.length > 7) return null;
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** IPv4-mapped IPv6 (`::ffff:a.b.c.d`) counts as IPv4 in Go (`To4() != nil`). */
function v4FromV6(g: number[]): number[] | null {
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff];
  }
  return null;
}

export type ParsedIP = { family: "IPv4"; bytes: number[] } | { family: "IPv6"; groups: number[] };

/** `netutils.ParseIPSloppy`, with the family Go's `IsIPv6String` would report. */
export function parseIP(s: string): ParsedIP | null {
  const v4 = parseIPv4Sloppy(s);
  if (v4) return { family: "IPv4", bytes: v4 };
  const v6 = parseIPv6(s);
  if (!v6) return null;
  const mapped = v4FromV6(v6);
  if (mapped) return { family: "IPv4", bytes: mapped };
  return { family: "IPv6", groups: v6 };
}

/** `IsValidIP`'s message (v1.33). */
export const VALID_IP_MSG = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/** `IsValidIP`. */
export function isValidIP(value: string): string[] {
  return parseIP(value) ? [] : [VALID_IP_MSG];
}

/** `IsValidIPv4Address`. */
export function isValidIPv4(value: string): string[] {
  const ip = parseIP(value);
  return ip && ip.family === "IPv4" ? [] : ["must be a valid IPv4 address"];
}

/** `IsValidIPv6Address`. */
export function isValidIPv6(value: string): string[] {
  const ip = parseIP(value);
  return ip && ip.family === "IPv6" ? [] : ["must be a valid IPv6 address"];
}
