import { describe, it, expect } from "vitest";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidIP,
  isValidIPv4,
  isValidIPv6,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  parseIP,
  regexError,
  utf8Length,
} from "./content";
import {
  DNS1035_MSG,
  DNS1123_LABEL_MSG,
  DNS1123_SUBDOMAIN_MSG,
  LABEL_VALUE_MSG,
  NAME_PART_MSG,
  PREFIX_MSG,
  QUALIFIED_NAME_SLASHES_MSG,
} from "./testMessages";

describe("regexError", () => {
  it("puts a double space before each ' or '", () => {
    expect(regexError("msg", "re", "a", "b", "c")).toBe("msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')");
    expect(regexError("msg", "re", "a")).toBe("msg (e.g. 'a', regex used for validation is 're')");
    expect(regexError("msg", "re")).toBe("msg (regex used for validation is 're')");
  });
});

describe("utf8Length", () => {
  it("counts bytes like Go len()", () => {
    expect(utf8Length("abc")).toBe(3);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("日")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
  });
});

describe("isDNS1123Label", () => {
  it.each([
    ["nginx", []],
    ["a", []],
    ["123", []],
    ["my-name", []],
    ["a".repeat(63), []],
    ["a".repeat(64), ["must be no more than 63 characters"]],
    ["My-Name", [DNS1123_LABEL_MSG]],
    ["-abc", [DNS1123_LABEL_MSG]],
    ["abc-", [DNS1123_LABEL_MSG]],
    ["", [DNS1123_LABEL_MSG]],
    ["my_name", [DNS1123_LABEL_MSG]],
    ["a.b", ["must not contain dots"]],
    ["a".repeat(60) + ".bcd", ["must be no more than 63 characters", "must not contain dots"]],
    ["A".repeat(64), ["must be no more than 63 characters", DNS1123_LABEL_MSG]],
  ])("%j", (v, want) => {
    expect(isDNS1123Label(v)).toEqual(want);
  });
});

describe("isDNS1123Subdomain", () => {
  it.each([
    ["example.com", []],
    ["nginx-7d9c", []],
    ["a.b.c", []],
    ["Example.com", [DNS1123_SUBDOMAIN_MSG]],
    ["a..b", [DNS1123_SUBDOMAIN_MSG]],
    [".a", [DNS1123_SUBDOMAIN_MSG]],
    ["a".repeat(254), ["must be no more than 253 characters"]],
    ["web_app", [DNS1123_SUBDOMAIN_MSG]],
  ])("%j", (v, want) => {
    expect(isDNS1123Subdomain(v)).toEqual(want);
  });
});

describe("isDNS1035Label", () => {
  it.each([
    ["my-svc", []],
    ["My-Svc", [DNS1035_MSG]],
    ["1svc", [DNS1035_MSG]],
    ["svc.x", [DNS1035_MSG]],
    ["a".repeat(64), ["must be no more than 63 characters"]],
  ])("%j", (v, want) => {
    expect(isDNS1035Label(v)).toEqual(want);
  });
});

describe("isQualifiedName (label keys)", () => {
  it.each([
    ["app", []],
    ["App_Name.1", []],
    ["example.com/app", []],
    ["app.kubernetes.io/name", []],
    ["/app", ["prefix part must be non-empty"]],
    ["app/", ["name part must be non-empty", NAME_PART_MSG]],
    ["Example.com/app", [PREFIX_MSG]],
    ["a/b/c", [QUALIFIED_NAME_SLASHES_MSG]],
    ["k".repeat(64), ["name part must be no more than 63 characters"]],
    ["-app", [NAME_PART_MSG]],
    ["", ["name part must be non-empty", NAME_PART_MSG]],
    ["-" + "k".repeat(63), ["name part must be no more than 63 characters", NAME_PART_MSG]],
    ["a".repeat(254) + "/x", ["prefix part must be no more than 253 characters"]],
  ])("%j", (v, want) => {
    expect(isQualifiedName(v)).toEqual(want);
  });
});

describe("isValidLabelValue", () => {
  it.each([
    ["", []],
    ["web", []],
    ["My_Value.1", []],
    ["-bad", [LABEL_VALUE_MSG]],
    ["bad-", [LABEL_VALUE_MSG]],
    ["a b", [LABEL_VALUE_MSG]],
    ["a".repeat(63), []],
    ["a".repeat(64), ["must be no more than 63 characters"]],
    ["-" + "a".repeat(63), ["must be no more than 63 characters", LABEL_VALUE_MSG]],
  ])("%j", (v, want) => {
    expect(isValidLabelValue(v)).toEqual(want);
  });
});

describe("isValidPortName (IANA_SVC_NAME)", () => {
  it.each([
    ["http", []],
    ["8080x", []],
    ["h2c", []],
    ["web-api", []],
    ["a".repeat(15), []],
    ["HTTP", ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)"]],
    ["a".repeat(16), ["must be no more than 15 characters"]],
    ["http--x", ["must not contain consecutive hyphens"]],
    ["-http", ["must not begin or end with a hyphen"]],
    ["http-", ["must not begin or end with a hyphen"]],
    ["8080", ["must contain at least one letter (a-z)"]],
    ["", ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)"]],
    [
      "--HTTP-very-long-name",
      [
        "must be no more than 15 characters",
        "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        "must not contain consecutive hyphens",
        "must not begin or end with a hyphen",
      ],
    ],
  ])("%j", (v, want) => {
    expect(isValidPortName(v)).toEqual(want);
  });
});

describe("isValidPortNum", () => {
  it.each([
    [1, []],
    [80, []],
    [65535, []],
    [0, ["must be between 1 and 65535, inclusive"]],
    [70000, ["must be between 1 and 65535, inclusive"]],
    [-1, ["must be between 1 and 65535, inclusive"]],
  ])("%d", (v, want) => {
    expect(isValidPortNum(v)).toEqual(want);
  });
});

describe("IP addresses", () => {
  it.each([
    ["10.96.0.1", "IPv4"],
    ["010.096.000.001", "IPv4"],
    ["255.255.255.255", "IPv4"],
    ["::1", "IPv6"],
    ["2001:db8::ffff", "IPv6"],
    ["fe80::1:2:3:4", "IPv6"],
    ["1:2:3:4:5:6:7:8", "IPv6"],
    ["::ffff:10.0.0.1", "IPv4"],
    ["::", "IPv6"],
    ["256.1.1.1", null],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["a.b.c.d", null],
    ["1:2:3:4:5:6:7:8:9", null],
    ["1::2::3", null],
    ["", null],
    ["None", null],
    ["10.96.0.1/24", null],
  ])("%s → %s", (s, fam) => {
    expect(parseIP(s)?.family ?? null).toBe(fam);
  });

  it("messages", () => {
    expect(isValidIP("10.0.0.1")).toEqual([]);
    expect(isValidIP("10.0.0.300")).toEqual(["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]);
    expect(isValidIPv4("10.0.0.1")).toEqual([]);
    expect(isValidIPv4("::1")).toEqual(["must be a valid IPv4 address"]);
    expect(isValidIPv6("::1")).toEqual([]);
    expect(isValidIPv6("10.0.0.1")).toEqual(["must be a valid IPv6 address"]);
  });
});

describe("misc", () => {
  it("isValidPercent", () => {
    expect(isValidPercent("25%")).toEqual([]);
    expect(isValidPercent("25")).toEqual([
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
  });

  it("isRelaxedEnvVarName", () => {
    expect(isRelaxedEnvVarName("MY_VAR.1-x")).toEqual([]);
    expect(isRelaxedEnvVarName("1ABC")).toEqual([]);
    expect(isRelaxedEnvVarName("A=B")).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    expect(isRelaxedEnvVarName("")).toEqual(["environment variable name must be non-empty"]);
  });
});
