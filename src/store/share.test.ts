import fc from "fast-check";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fromBase64Url, linkWith, MAX_JSON_BYTES, pack, packedFromHash, packPlain, toBase64Url, unpack } from "./share";

describe("base64url", () => {
  it("round-trips any bytes, without padding or URL-unsafe characters", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it("refuses what is not base64url", () => {
    expect(fromBase64Url("a+b/")).toBeUndefined();
    expect(fromBase64Url("abcde")).toBeUndefined();
    expect(fromBase64Url("ab cd")).toBeUndefined();
  });
});

describe("packing a lab for a link", () => {
  const json = fc.jsonValue({ maxDepth: 3 });

  it("unpacks what it packed, compressed or not", async () => {
    await fc.assert(
      fc.asyncProperty(json, fc.boolean(), async (value, compress) => {
        const packed = await pack(value, compress);
        expect(packed.startsWith(compress ? "z." : "j.")).toBe(true);
        const back = await unpack(packed);
        expect(back).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 60 },
    );
  });

  it("compresses a real log several times", async () => {
    const log = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1600 : `kubectl scale deployment test --replicas=${i % 5}`));
    const value = { v: 1, scenario: "article", options: { seed: 1 }, log };
    expect((await pack(value, true)).length * 3).toBeLessThan(packPlain(value).length);
  });

  it("never throws on garbage, and says the link is damaged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const r = await unpack(text);
        if (!r.ok) expect(r.error).toMatch(/\w/);
      }),
    );
    expect(await unpack("z.AAAA")).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(await unpack("j." + toBase64Url(new TextEncoder().encode("{nope")))).toMatchObject({ ok: false });
    expect(await unpack("x.abc")).toMatchObject({ ok: false });
  });

  it("refuses a small link that inflates into too much data", async () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_JSON_BYTES * 2, 32));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await unpack("z." + toBase64Url(bomb))).toMatchObject({ ok: false, error: expect.stringMatching(/more data/) });
  });

  it("refuses an overlong link before looking inside", async () => {
    expect(await unpack("j." + "A".repeat(300_000))).toMatchObject({ ok: false, error: "the link is too long" });
  });

  it("finds the packed lab among hash parameters and puts it in a link", () => {
    expect(packedFromHash("#s=z.abc")).toBe("z.abc");
    expect(packedFromHash("#scenario=x&s=j.q")).toBe("j.q");
    expect(packedFromHash("#scenario=x")).toBeUndefined();
    expect(linkWith("https://example.org/podflow/?x=1#old", "z.abc")).toBe("https://example.org/podflow/?x=1#s=z.abc");
  });
});
