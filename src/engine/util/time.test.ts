import { describe, expect, it } from "vitest";
import { clfTime, ctime, rfc1123, slashTime, unixDate } from "./time";

const MAY_5 = Date.UTC(2025, 4, 5, 9, 5, 0, 480);
const MAY_12 = Date.UTC(2025, 4, 12, 9, 5, 0);

describe("time formats", () => {
  it("space-pads the day like date(1), pam_lastlog and ctime()", () => {
    expect(unixDate(MAY_5)).toBe("Mon May  5 09:05:00 UTC 2025");
    expect(unixDate(MAY_12)).toBe("Mon May 12 09:05:00 UTC 2025");
    expect(ctime(MAY_5)).toBe("Mon May  5 09:05:00 2025");
  });

  it("zero-pads it in HTTP, common-log and Go log times", () => {
    expect(rfc1123(MAY_5, "GMT")).toBe("Mon, 05 May 2025 09:05:00 GMT");
    expect(rfc1123(MAY_5, "+0000")).toBe("Mon, 05 May 2025 09:05:00 +0000");
    expect(clfTime(MAY_5)).toBe("05/May/2025:09:05:00 +0000");
    expect(slashTime(MAY_5)).toBe("2025/05/05 09:05:00");
  });
});
