/** Types for find-chromium.mjs, so TypeScript configs (playwright.config.ts) can import it. */
export declare function locateChromium(): string | undefined;
export declare function findChromium(): string;
export declare function chromiumVersion(path: string): string;
export declare const CHROMIUM_ARGS: readonly string[];
