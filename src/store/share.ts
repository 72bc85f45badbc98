/**
 * Labs as links: `#s=` + a packed {@link SavedLab}. Packing is JSON → UTF-8 → deflate-raw
 * (CompressionStream) → base64url, marked `z.`; where a browser has no CompressionStream the JSON
 * goes uncompressed, marked `j.`. Unpacking is defensive: sizes are capped before and after
 * inflating (a small link must not inflate into gigabytes), and the result is only JSON; the
 * caller validates it with `validateSession`.
 */

/** The hash parameter that carries a shared lab. */
export const SHARE_PARAM = "s";
/** Longest packed text accepted from a link. */
export const MAX_PACKED_CHARS = 200_000;
/** Largest JSON accepted after inflating. */
export const MAX_JSON_BYTES = 1_500_000;

export type Unpacked = { ok: true; value: unknown } | { ok: false; error: string };

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** base64url (padding optional) → bytes; undefined if it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  try {
    const binary = atob(b64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Whether this runtime can deflate-raw with streams. */
export function canCompress(): boolean {
  if (typeof CompressionStream !== "function") return false;
  try {
    new CompressionStream("deflate-raw");
    return true;
  } catch {
    return false; // older engines know "deflate" and "gzip" only
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  // The writer's promises reject too when the data is bad; the reader reports it.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Packs any JSON value for a link without compressing it (synchronous; longer links). */
export function packPlain(value: unknown): string {
  return "j." + toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

/** Packs any JSON value for a link (without the `#s=`), compressed where the browser can. */
export async function pack(value: unknown, compress = canCompress()): Promise<string> {
  if (!compress) return packPlain(value);
  const json = new TextEncoder().encode(JSON.stringify(value));
  const deflated = await pipe(json, new CompressionStream("deflate-raw"), Number.MAX_SAFE_INTEGER);
  return "z." + toBase64Url(deflated!);
}

/** Unpacks what {@link pack} made; never throws. */
export async function unpack(packed: string): Promise<Unpacked> {
  const damaged: Unpacked = { ok: false, error: "the link is damaged or incomplete (was it cut short when copied?)" };
  if (packed.length > MAX_PACKED_CHARS) return { ok: false, error: "the link is too long" };
  const kind = packed.slice(0, 2);
  if (kind !== "z." && kind !== "j.") return damaged;
  const bytes = fromBase64Url(packed.slice(2));
  if (!bytes) return damaged;
  let json: Uint8Array | undefined = bytes;
  if (kind === "z.") {
    if (typeof DecompressionStream !== "function") return { ok: false, error: "this browser cannot unpack compressed links; try a current Chrome, Firefox or Safari" };
    try {
      json = await pipe(bytes, new DecompressionStream("deflate-raw"), MAX_JSON_BYTES);
    } catch {
      return damaged;
    }
    if (!json) return { ok: false, error: "the link unpacks to more data than a lab can hold" };
  } else if (json.byteLength > MAX_JSON_BYTES) return { ok: false, error: "the link holds more data than a lab can" };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json)) };
  } catch {
    return damaged;
  }
}

/** The packed lab in a location hash (`#s=…`, possibly among other `&`-separated params), if any. */
export function packedFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return params.get(SHARE_PARAM) ?? undefined;
}

/** `href` with its hash replaced by `#s=packed`. */
export function linkWith(href: string, packed: string): string {
  const url = new URL(href);
  url.hash = `${SHARE_PARAM}=${packed}`;
  return url.toString();
}
