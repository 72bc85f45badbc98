import { describe, it, expect } from "vitest";
import {
  AlignRight,
  Debug,
  DiscardEmptyColumns,
  FilterHTML,
  KUBECTL_DESCRIBE_TABWRITER,
  TabWriter,
  tabwrite,
  tabwriteText,
} from "./tabwriter";

// Test vectors from Go's src/text/tabwriter/tabwriter_test.go (the Escape-character ones are
// omitted: 0xff bytes cannot occur in JS strings).
type Vec = [name: string, minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number, src: string, expected: string];
const goVectors: Vec[] = [
  ["1a", 8, 0, 1, ".", 0, "", ""],
  ["1a debug", 8, 0, 1, ".", Debug, "", ""],
  ["2", 8, 0, 1, ".", 0, "\n\n\n", "\n\n\n"],
  ["3", 8, 0, 1, ".", 0, "a\nb\nc", "a\nb\nc"],
  ["4a", 8, 0, 1, ".", 0, "\t", ""],
  ["4b", 8, 0, 1, ".", AlignRight, "\t", ""],
  ["5", 8, 0, 1, ".", 0, "*\t*", "*.......*"],
  ["5b", 8, 0, 1, ".", 0, "*\t*\n", "*.......*\n"],
  ["5c", 8, 0, 1, ".", 0, "*\t*\t", "*.......*"],
  ["5c debug", 8, 0, 1, ".", Debug, "*\t*\t", "*.......|*"],
  ["5d", 8, 0, 1, ".", AlignRight, "*\t*\t", ".......**"],
  ["6", 8, 0, 1, ".", 0, "\t\n", "........\n"],
  ["7a", 8, 0, 1, ".", 0, "a) foo", "a) foo"],
  ["7b", 8, 0, 1, " ", 0, "b) foo\tbar", "b) foo  bar"],
  ["7c", 8, 0, 1, ".", 0, "c) foo\tbar\t", "c) foo..bar"],
  ["7d", 8, 0, 1, ".", 0, "d) foo\tbar\n", "d) foo..bar\n"],
  ["7e", 8, 0, 1, ".", 0, "e) foo\tbar\t\n", "e) foo..bar.....\n"],
  ["7f", 8, 0, 1, ".", FilterHTML, "f) f&lt;o\t<b>bar</b>\t\n", "f) f&lt;o..<b>bar</b>.....\n"],
  ["7g", 8, 0, 1, ".", FilterHTML, "g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp", "g) f&lt;o..<b>bar</b>..... non-terminated entity &amp"],
  ["7g debug", 8, 0, 1, ".", FilterHTML | Debug, "g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp", "g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp"],
  ["8", 8, 0, 1, "*", 0, "Hello, world!\n", "Hello, world!\n"],
  ["9a", 1, 0, 0, ".", 0, "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"],
  ["9b", 1, 0, 0, ".", FilterHTML, "1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n", "1.2<!---\f--->..3...4\n11222333344444\n"],
  ["9c", 1, 0, 0, ".", 0, "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"],
  ["9c debug", 1, 0, 0, ".", Debug, "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1|2|3|4\n---\n11|222|3333|44444\n"],
  ["10a", 5, 0, 0, ".", 0, "1\t2\t3\t4\n", "1....2....3....4\n"],
  ["10b", 5, 0, 0, ".", 0, "1\t2\t3\t4\t\n", "1....2....3....4....\n"],
  [
    "11", 8, 0, 1, ".", 0,
    "本\tb\tc\naa\t\u672c\u672c\u672c\tcccc\tddddd\naaa\tbbbb\n",
    "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n",
  ],
  [
    "12a", 8, 0, 1, " ", AlignRight,
    "a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n",
    "       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n",
  ],
  ["12b", 2, 0, 0, " ", 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"],
  ["12c", 8, 0, 1, "_", 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n"],
  [
    "13a", 4, 0, 1, "-", 0,
    "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n",
  ],
  [
    "13b", 4, 0, 3, ".", 0,
    "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n",
  ],
  [
    "13c", 8, 8, 1, "\t", FilterHTML,
    "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n",
    "4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n",
  ],
  [
    "14", 1, 0, 2, " ", AlignRight,
    ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
    "    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3",
  ],
  [
    "14 debug", 1, 0, 2, " ", AlignRight | Debug,
    ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
    "    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|",
  ],
  ["15a", 4, 0, 0, ".", 0, "a\t\tb", "a.......b"],
  ["15b", 4, 0, 0, ".", DiscardEmptyColumns, "a\t\tb", "a.......b"],
  ["15c", 4, 0, 0, ".", DiscardEmptyColumns, "a\v\vb", "a...b"],
  ["15d", 4, 0, 0, ".", AlignRight | DiscardEmptyColumns, "a\v\vb", "...ab"],
  [
    "16a", 100, 100, 0, "\t", 0,
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
  ],
  [
    "16b", 100, 100, 0, "\t", DiscardEmptyColumns,
    "a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n",
    "a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
  ],
  [
    "16b debug", 100, 100, 0, "\t", DiscardEmptyColumns | Debug,
    "a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n",
    "a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n",
  ],
  [
    "16c", 100, 100, 0, "\t", DiscardEmptyColumns,
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
  ],
  [
    "16c debug", 100, 100, 0, "\t", DiscardEmptyColumns | Debug,
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
    "a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n",
  ],
];

describe("tabwriter: Go text/tabwriter test vectors", () => {
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of goVectors) {
    const opts = { minwidth, tabwidth, padding, padchar, flags };
    it(`${name} (all at once)`, () => {
      expect(tabwriteText(src, opts)).toBe(expected);
    });
    it(`${name} (char by char)`, () => {
      const w = new TabWriter(opts);
      for (const ch of src) w.write(ch);
      expect(w.flush().output()).toBe(expected);
    });
    it(`${name} (fibonacci slices)`, () => {
      const w = new TabWriter(opts);
      for (let i = 0, d = 0; i < src.length; ) {
        w.write(src.slice(i, i + d));
        i += d;
        d++;
        if (i + d > src.length) d = src.length - i;
      }
      expect(w.flush().output()).toBe(expected);
    });
  }
});

describe("tabwriter: kubectl get tables (minwidth 6, tabwidth 4, padding 3)", () => {
  it("pads columns to the widest cell + 3, never pads the last column", () => {
    const out = tabwrite([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["nginx-7c5ddbdf54-2xjk9", "1/1", "Running", "0", "10s"],
      ["web", "0/1", "Pending", "0", "2m30s"],
    ]);
    expect(out).toBe(
      "NAME                     READY   STATUS    RESTARTS   AGE\n" +
        "nginx-7c5ddbdf54-2xjk9   1/1     Running   0          10s\n" +
        "web                      0/1     Pending   0          2m30s\n",
    );
  });

  it("uses minwidth 6 for narrow columns (custom-columns `A` header, from real kubectl)", () => {
    expect(tabwrite([["A", "B"], ["<none>", "Pod"]])).toBe("A        B\n<none>   Pod\n");
    expect(tabwrite([["E", "N"], ["", "<nil>"]])).toBe("E     N\n      <nil>\n");
  });

  it("a single-column table is never padded", () => {
    expect(tabwrite([["NAME"], ["web-1"]])).toBe("NAME\nweb-1\n");
  });

  it("RememberWidths keeps column widths across flushes until reset", () => {
    const w = new TabWriter();
    w.write("NAME\tAGE\nvery-long-pod-name\t1s\n").flush();
    w.write("x\t2s\n").flush();
    expect(w.output()).toBe("NAME                 AGE\nvery-long-pod-name   1s\nx                    2s\n");
    w.setRememberedWidths(null).takeOutput();
    w.write("x\t2s\n").flush();
    expect(w.output()).toBe("x     2s\n");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(tabwrite([["😀😀😀😀", "x"], ["abcd", "y"]])).toBe("😀😀😀😀   x\nabcd   y\n");
  });
});

describe("tabwriter: kubectl describe (minwidth 0, tabwidth 8, padding 2)", () => {
  it("aligns values 2 spaces after the longest label of the block", () => {
    const text =
      "Name:\tmy-service\n" +
      "Namespace:\tdefault\n" +
      "Labels:\tapp=nginx\n" +
      "\ttier=web\n" +
      "Internal Traffic Policy:\tCluster\n" +
      "Events:\t<none>\n";
    expect(tabwriteText(text, KUBECTL_DESCRIBE_TABWRITER)).toBe(
      "Name:                     my-service\n" +
        "Namespace:                default\n" +
        "Labels:                   app=nginx\n" +
        "                          tier=web\n" +
        "Internal Traffic Policy:  Cluster\n" +
        "Events:                   <none>\n",
    );
  });

  it("a line without tabs ends the column block; nested columns align per block", () => {
    const text =
      "Name:\tx\n" +
      "Containers:\n" +
      "  nginx:\n" +
      "    Image:\tnginx\n" +
      "    Port:\t80/TCP\n" +
      "    Environment:\t<none>\n" +
      "Events:\n" +
      "  Type\tReason\tAge\tFrom\tMessage\n" +
      "  ----\t------\t----\t----\t-------\n" +
      "  Normal\tScheduled\t5s\tdefault-scheduler\tSuccessfully assigned default/x to node-1\n";
    expect(tabwriteText(text, KUBECTL_DESCRIBE_TABWRITER)).toBe(
      "Name:  x\n" +
        "Containers:\n" +
        "  nginx:\n" +
        "    Image:        nginx\n" +
        "    Port:         80/TCP\n" +
        "    Environment:  <none>\n" +
        "Events:\n" +
        "  Type    Reason     Age   From               Message\n" +
        "  ----    ------     ----  ----               -------\n" +
        "  Normal  Scheduled  5s    default-scheduler  Successfully assigned default/x to node-1\n",
    );
  });

  it("lines with fewer cells split a column into separate blocks", () => {
    // "b" column exists in lines 1-2 and 4, not 3: two blocks with their own widths.
    const text = "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n";
    expect(tabwriteText(text, { minwidth: 0, tabwidth: 8, padding: 1, padchar: ".", flags: 0 })).toBe(
      "aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n",
    );
  });
});
