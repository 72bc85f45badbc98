import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  formatLabels,
  labelSelectorAsSelector,
  newRequirement,
  nothing,
  parseSelector,
  selectorFromLabelSelector,
  selectorFromMap,
  selectorFromRequirements,
  selectorFromSet,
  type Selector,
} from "./selector";

function parse(s: string): Selector {
  const r = parseSelector(s);
  if (!r.ok) throw new Error(`unexpected parse error for ${JSON.stringify(s)}: ${r.error}`);
  return r.selector;
}

function parseError(s: string): string {
  const r = parseSelector(s);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(s)}, got ${r.selector.toString()}`);
  return r.error;
}

const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PREFIX_MSG =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME_MSG =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("parseSelector: reference §1.7 parse vectors", () => {
  it.each([
    ["x=a,y=b,z=c", "x=a,y=b,z=c"],
    ["", ""],
    ["x!=a,y=b", "x!=a,y=b"],
    ["x=", "x="],
    ["x= ", "x="],
    ["x=,z= ", "x=,z="],
    ["!x", "!x"],
    ["x>1,z<5", "x>1,z<5"],
    ["x in (abc,abc)", "x in (abc)"],
    ["x in (a,,,)", "x in (,a)"],
    ["x in (a,,a)", "x in (,a)"],
    ["x= ,z= ", "x=,z="],
    ["x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"],
    ["foo  in\t (abc)", "foo in (abc)"],
    ["x notin\n (abc)", "x notin (abc)"],
    ["\rx", "x"],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"],
    ["tier=frontend,app!=db", "app!=db,tier=frontend"],
    ["environment in (production, qa)", "environment in (production,qa)"],
    ["APP=Nginx", "APP=Nginx"],
    ["example.com/app=x", "example.com/app=x"],
    // more upstream good inputs
    ["x==a", "x==a"],
    ["notin=in", "notin=in"],
    ["a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"],
    ["x in (abc,)", "x in (,abc)"],
    ["x in (,a)", "x in (,a)"],
    ["x in ( )", "x in ()"],
    ["x in ()", "x in ()"],
    ["x=a,a=x", "a=x,x=a"],
    ["a=x,x=a", "a=x,x=a"],
    ["x>-1", null], // -1 is an integer but not a valid label value (checked below)
  ])("%j", (input, want) => {
    if (want === null) return;
    expect(parse(input).toString()).toBe(want);
  });

  it("the empty selector matches everything, including no labels", () => {
    const s = parse("");
    expect(s.empty()).toBe(true);
    expect(s.matches(undefined)).toBe(true);
    expect(s.matches({})).toBe(true);
    expect(s.matches({ a: "b" })).toBe(true);
  });

  it("keeps every upstream good input's canonical form as input minus spaces", () => {
    // upstream TestSelectorParse's testGoodStrings
    for (const s of ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]) {
      expect(parse(s).toString()).toBe(s.replaceAll(" ", ""));
    }
  });

  it.each([
    ["x=a||y=b", `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_MSG}`],
    ["x==a==b", "found '==', expected: ',' or 'end of string'"],
    ["!x=a", "found '=', expected: ',' or 'end of string'"],
    ["x<a", `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ["app in nginx", "unable to parse requirement: found 'nginx' expected: '('"],
    ["app nginx", "unable to parse requirement: found 'nginx', expected: in, notin, =, ==, !=, gt, lt"],
    ["app=nginx,", "found '', expected: identifier after ','"],
    [",app", "found ',', expected: !, identifier, or 'end of string'"],
    ["app=a b", "found 'b', expected: ',' or 'end of string'"],
    ["app in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["app=(x)", "unable to parse requirement: found '(', expected: identifier"],
    ["!", "unable to parse requirement: found '', expected: identifier"],
    ["/app=x", `unable to parse requirement: <nil>: Invalid value: "/app": prefix part must be non-empty`],
    ["Example.com/app=x", `unable to parse requirement: <nil>: Invalid value: "Example.com/app": ${PREFIX_MSG}`],
    ["a/b/c=x", `unable to parse requirement: <nil>: Invalid value: "a/b/c": ${QNAME_MSG}`],
    ["app=" + "a".repeat(64), `unable to parse requirement: values[0][app]: Invalid value: "${"a".repeat(64)}": must be no more than 63 characters`],
    ["k".repeat(64) + "=x", `unable to parse requirement: <nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 characters`],
    ["x,,y", "found ',', expected: identifier after ','"],
    [",x,y", "found ',', expected: !, identifier, or 'end of string'"],
    ["x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ["a in (xyz),", "found '', expected: identifier after ','"],
    ["a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"],
    ["a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ["a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ["a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"],
    ["x>-1", `unable to parse requirement: values[0][x]: Invalid value: "-1": ${VALUE_REGEX_MSG}`],
    ["app/=x", `unable to parse requirement: <nil>: Invalid value: "app/": name part must be non-empty; ${NAME_PART_MSG}`],
    [
      "x<a-",
      `unable to parse requirement: [values[0]: Invalid value: "a-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a-": ${VALUE_REGEX_MSG}]`,
    ],
    ["x=\u00e9", `unable to parse requirement: values[0][x]: Invalid value: "\u00e9": ${VALUE_REGEX_MSG}`],
    ["x=\u0001", `unable to parse requirement: values[0][x]: Invalid value: "\\x01": ${VALUE_REGEX_MSG}`],
  ])("%j → error", (input, want) => {
    expect(parseError(input)).toBe(want);
  });

  it("a value longer than 63 with bad characters gets both messages joined with '; '", () => {
    const v = "-" + "a".repeat(63);
    expect(parseError(`app=${v}`)).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "${v}": must be no more than 63 characters; ${VALUE_REGEX_MSG}`,
    );
  });

  it("treats a NUL like Go's lexer does (0 is its end-of-input byte)", () => {
    // at the start of a token: end of the token stream
    expect(parse("a=b \u0000,,,").toString()).toBe("a=b");
    // inside an identifier: ends the identifier and is swallowed
    expect(parseError("a=b\u0000,,,")).toBe("found ',', expected: identifier after ','");
  });

  it("v1.33 rejects two consecutive commas before ')' (fixed upstream behind a gate in v1.35, PR #133419)", () => {
    expect(parseError("x in (a,,)")).toBe("unable to parse requirement: found ')', expected: ',', or identifier");
    expect(parseError("x in (a,,a,,a,,a,,)")).toBe("unable to parse requirement: found ')', expected: ',', or identifier");
    expect(parseError("x in (,,)")).toBe("unable to parse requirement: found ')', expected: ',', or identifier");
  });

  it("sets values and sorts requirements by key", () => {
    const s = parse("z=1,a in (c,b,b),m");
    expect(s.requirements.map((r) => r.key)).toEqual(["a", "m", "z"]);
    expect(s.requirements[0]).toEqual({ key: "a", operator: "in", values: ["b", "c"] });
    expect(s.requirements[1].operator).toBe("exists");
  });

  it("requiresExactMatch", () => {
    const s = parse("app=web,tier in (a),env in (x,y),k!=v");
    expect(s.requiresExactMatch("app")).toBe("web");
    expect(s.requiresExactMatch("tier")).toBe("a");
    expect(s.requiresExactMatch("env")).toBeUndefined();
    expect(s.requiresExactMatch("k")).toBeUndefined();
    expect(s.requiresExactMatch("nope")).toBeUndefined();
  });
});

describe("matches: reference §1.7 match vectors", () => {
  it.each([
    ["x=y", { x: "y" }, true],
    ["x=y,z=w", { x: "y", z: "w" }, true],
    ["x!=y,z!=w", { x: "z", z: "a" }, true],
    ["notin=in", { notin: "in" }, true],
    ["x", { x: "z" }, true],
    ["!x", { y: "z" }, true],
    ["x>1", { x: "2" }, true],
    ["x<1", { x: "0" }, true],
    ["x=z", {}, false],
    ["x=y", { x: "z" }, false],
    ["x!=y,z!=w", { x: "z", z: "w" }, false],
    ["x", { y: "z" }, false],
    ["!x", { x: "z" }, false],
    ["foo=bar,foobar=bar,baz=blah", { foo: "bar", baz: "blah" }, false],
    ["z>1", { z: "v2" }, false],
    ["app!=nginx", {}, true],
    ["app!=nginx", { tier: "db" }, true],
    ["app notin (nginx)", {}, true],
    ["x>1", {}, false],
    ["x>-1", { x: "0" }, null],
    ["x<9223372036854775807", { x: "9223372036854775806" }, true],
    ["x>1", { x: "99999999999999999999" }, false],
    ["x in ()", { x: "" }, true],
    ["x in ()", {}, false],
  ] as [string, Record<string, string>, boolean | null][])("%s on %j → %s", (sel, labels, want) => {
    if (want === null) return;
    expect(parse(sel).matches(labels)).toBe(want);
  });

  it("requirement-form vectors (TestRequirementSelectorMatching)", () => {
    const notinEmpty = newRequirement("x", "notin", [""]);
    const y = newRequirement("y", "exists", []);
    const inEmpty = newRequirement("x", "in", [""]);
    if (!notinEmpty.ok || !y.ok || !inEmpty.ok) throw new Error("bad requirement");
    expect(selectorFromRequirements([notinEmpty.requirement, y.requirement]).matches({ y: "" })).toBe(true);
    expect(selectorFromRequirements([inEmpty.requirement]).matches({ y: "baz" })).toBe(false);
    expect(parse("x notin (),y").matches({ y: "" })).toBe(true);
  });

  it("does not read inherited properties as labels", () => {
    expect(parse("toString").matches({})).toBe(false);
    expect(parse("constructor!=x").matches({})).toBe(true);
  });
});

describe("newRequirement", () => {
  it("validates operator/value counts like NewRequirement", () => {
    expect(newRequirement("x", "in", [])).toEqual({
      ok: false,
      error: `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`,
    });
    expect(newRequirement("x", "=", ["a", "b"])).toEqual({
      ok: false,
      error: `values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value`,
    });
    expect(newRequirement("x", "exists", ["a"])).toEqual({
      ok: false,
      error: `values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist`,
    });
    expect(newRequirement("-x", "exists", [])).toEqual({
      ok: false,
      error: `key: Invalid value: "-x": ${NAME_PART_MSG}`,
    });
  });
});

describe("LabelSelector conversion", () => {
  it("nil selects nothing, {} selects everything", () => {
    expect(selectorFromLabelSelector(undefined).matches({ a: "b" })).toBe(false);
    expect(selectorFromLabelSelector(undefined)).toBe(nothing());
    expect(selectorFromLabelSelector({}).matches({ a: "b" })).toBe(true);
    expect(selectorFromLabelSelector({}).matches(undefined)).toBe(true);
    expect(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it("combines matchLabels and matchExpressions", () => {
    const s = selectorFromLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["b", "a"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "zone", operator: "Exists" },
      ],
    });
    expect(s.toString()).toBe("app=web,!canary,env notin (prod),tier in (a,b),zone");
    expect(s.matches({ app: "web", tier: "a", zone: "z" })).toBe(true);
    expect(s.matches({ app: "web", tier: "a", zone: "z", canary: "1" })).toBe(false);
    expect(s.matches({ app: "web", tier: "c", zone: "z" })).toBe(false);
    expect(s.matches({ app: "web", tier: "a", zone: "z", env: "prod" })).toBe(false);
  });

  it("labelSelectorAsSelector validates", () => {
    expect(labelSelectorAsSelector({ matchLabels: { app: "-bad" } })).toEqual({
      ok: false,
      error: `values[0][app]: Invalid value: "-bad": ${VALUE_REGEX_MSG}`,
    });
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: "a", operator: "Foo" as "In" }] })).toEqual({
      ok: false,
      error: `"Foo" is not a valid label selector operator`,
    });
    const ok = labelSelectorAsSelector({ matchLabels: { b: "1", a: "2" } });
    expect(ok.ok && ok.selector.toString()).toBe("a=2,b=1");
    const nil = labelSelectorAsSelector(undefined);
    expect(nil.ok && nil.selector.selectable).toBe(false);
  });

  it("selectorFromSet: empty = everything; selectorFromMap (services): empty = nothing", () => {
    expect(selectorFromSet({}).matches({ a: "b" })).toBe(true);
    expect(selectorFromSet(undefined).empty()).toBe(true);
    expect(selectorFromMap({}).matches({ a: "b" })).toBe(false);
    expect(selectorFromMap(undefined).matches({})).toBe(false);
    expect(selectorFromMap({ app: "web" }).matches({ app: "web", x: "y" })).toBe(true);
    expect(selectorFromSet({ b: "2", a: "1" }).toString()).toBe("a=1,b=2");
  });

  it("formatLabels", () => {
    expect(formatLabels({ tier: "db", app: "web" })).toBe("app=web,tier=db");
    expect(formatLabels({})).toBe("<none>");
    expect(formatLabels(undefined)).toBe("<none>");
    expect(formatLabels({ "pod-template-hash": "abc", app: "" })).toBe("app=,pod-template-hash=abc");
  });
});

// ---------------------------------------------------------------- property tests

const keyArb = fc.constantFrom("a", "b", "app", "tier", "example.com/x", "k8s.io/name", "in", "notin");
const valueArb = fc.constantFrom("", "x", "y", "web", "1", "2", "10", "-3", "in", "notin", "A.b_c");
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 5 });

type ReqSpec = { key: string; op: string; values: string[] };
const intValueArb = fc.constantFrom("0", "1", "5", "10", "42");
const reqArb: fc.Arbitrary<ReqSpec> = fc.oneof(
  fc.record({ key: keyArb, op: fc.constantFrom("=", "==", "!="), values: fc.tuple(valueArb.filter((v) => v !== "-3")).map((t) => [...t]) }),
  fc.record({ key: keyArb, op: fc.constantFrom("in", "notin"), values: fc.array(valueArb.filter((v) => v !== "-3"), { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: keyArb, op: fc.constantFrom("exists", "!"), values: fc.constant([] as string[]) }),
  fc.record({ key: keyArb, op: fc.constantFrom(">", "<"), values: fc.tuple(intValueArb).map((t) => [...t]) }),
);

function specToString(r: ReqSpec, spaces: boolean): string {
  const sp = spaces ? " " : "";
  switch (r.op) {
    case "exists":
      return r.key;
    case "!":
      return `!${sp}${r.key}`;
    case "in":
    case "notin":
      return `${r.key} ${r.op} (${r.values.join(`,${sp}`)})`;
    default:
      return `${r.key}${sp}${r.op}${sp}${r.values[0]}`;
  }
}

/** A brute-force reading of §1.3, independent of the implementation. */
function bruteMatches(reqs: ReqSpec[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case "=":
      case "==":
      case "in":
        return has && r.values.includes(v);
      case "!=":
      case "notin":
        return !has || !r.values.includes(v);
      case "exists":
        return has;
      case "!":
        return !has;
      case ">":
        return has && /^-?\d+$/.test(v) && Number(v) > Number(r.values[0]);
      case "<":
        return has && /^-?\d+$/.test(v) && Number(v) < Number(r.values[0]);
    }
    return false;
  });
}

describe("property tests", () => {
  it("print → parse round-trips", () => {
    fc.assert(
      fc.property(fc.array(reqArb, { maxLength: 5 }), fc.boolean(), (reqs, spaces) => {
        const text = reqs.map((r) => specToString(r, spaces)).join(spaces ? ", " : ",");
        const r = parseSelector(text);
        // the only generated inputs v1.33 rejects are in-lists with ",," right before ")"
        if (!r.ok) {
          expect(text).toMatch(/,\s*,\s*\)/);
          return;
        }
        const printed = r.selector.toString();
        expect(parse(printed).toString()).toBe(printed);
      }),
    );
  });

  it("matches agrees with a brute-force reference", () => {
    fc.assert(
      fc.property(fc.array(reqArb, { maxLength: 4 }), labelsArb, (reqs, labels) => {
        const r = parseSelector(reqs.map((q) => specToString(q, false)).join(","));
        if (!r.ok) {
          expect(r.error).toBe("unable to parse requirement: found ')', expected: ',', or identifier");
          return;
        }
        expect(r.selector.matches(labels)).toBe(bruteMatches(reqs, labels));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary input", () => {
    const tokenish = fc.constantFrom("=", "==", "!=", "!", "(", ")", ",", " ", "in", "notin", "a", "b/c", ">", "<", "1", "\t", "-");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(tokenish, { maxLength: 12 }).map((a) => a.join(""))), (text) => {
        const r = parseSelector(text);
        if (r.ok) {
          // whatever parses prints to something that parses to itself
          expect(parseSelector(r.selector.toString()).ok).toBe(true);
        } else {
          expect(typeof r.error).toBe("string");
          expect(r.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
