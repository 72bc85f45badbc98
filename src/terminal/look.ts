/**
 * How the terminal looks: light or dark following the page (`data-theme` on <html>, set by the
 * app; the system's prefers-color-scheme before that), and large type in presentation mode (the
 * `presentation` class or a `data-presentation` attribute on <html>).
 */
import type { ITheme } from "@xterm/xterm";

export const FONT_FAMILY = 'ui-monospace, "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
export const FONT_SIZE = 14;
export const PRESENTATION_FONT_SIZE = 20;

const DARK: ITheme = {
  background: "#0f141b",
  foreground: "#e3e8ef",
  cursor: "#e3e8ef",
  cursorAccent: "#0f141b",
  selectionBackground: "#35507a",
  black: "#1c232d",
  red: "#ff7b72",
  green: "#56d364",
  yellow: "#e3b341",
  blue: "#79c0ff",
  magenta: "#d2a8ff",
  cyan: "#56d4dd",
  white: "#e3e8ef",
  // The bright half (the prompt is bold bright green, as Ubuntu's is): all readable on the background.
  brightBlack: "#8b949e",
  brightRed: "#ffa198",
  brightGreen: "#7ee787",
  brightYellow: "#f2cc60",
  brightBlue: "#a5d6ff",
  brightMagenta: "#e2c5ff",
  brightCyan: "#76e3ea",
  brightWhite: "#ffffff",
};

const LIGHT: ITheme = {
  background: "#fbfcfe",
  foreground: "#1b2230",
  cursor: "#1b2230",
  cursorAccent: "#fbfcfe",
  selectionBackground: "#b6cdf5",
  black: "#1b2230",
  red: "#b42318",
  green: "#1a7f37",
  yellow: "#8a5a00",
  blue: "#0b5cad",
  magenta: "#7c3aed",
  cyan: "#0e7490",
  white: "#6b7280",
  // Bright colours stay dark enough for 4.5:1 contrast on the light background.
  brightBlack: "#4b5563",
  brightRed: "#a40e26",
  brightGreen: "#116329",
  brightYellow: "#7a4d00",
  brightBlue: "#0a4a8c",
  brightMagenta: "#6d28d9",
  brightCyan: "#0b5f75",
  brightWhite: "#1b2230",
};

/** True when the page is dark. */
export function isDark(root: HTMLElement = document.documentElement): boolean {
  const theme = root.dataset.theme;
  if (theme === "dark" || theme === "light") return theme === "dark";
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

/** True in presentation mode. */
export function isPresentation(root: HTMLElement = document.documentElement): boolean {
  return root.classList.contains("presentation") || (root.dataset.presentation !== undefined && root.dataset.presentation !== "false");
}

export function themeFor(dark: boolean): ITheme {
  return dark ? DARK : LIGHT;
}

/** Calls `onChange` when the theme or presentation mode changes; returns the unsubscribe. */
export function watchLook(onChange: () => void, root: HTMLElement = document.documentElement): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(root, { attributes: true, attributeFilter: ["data-theme", "class", "data-presentation"] });
  const mq = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : undefined;
  mq?.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    mq?.removeEventListener("change", onChange);
  };
}
