/** Light/dark: the learner's choice, or the system's (prefers-color-scheme) when "system". */
import { useEffect, useSyncExternalStore } from "react";
import { useUi } from "./store";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(cb: () => void): () => void {
  const mq = window.matchMedia?.(QUERY);
  mq?.addEventListener("change", cb);
  return () => mq?.removeEventListener("change", cb);
}

const systemDark = () => window.matchMedia?.(QUERY).matches ?? false;

/** "light" or "dark", following the system while the choice is "system". */
export function useResolvedTheme(): "light" | "dark" {
  const choice = useUi((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemDark, () => false);
  return choice === "system" ? (dark ? "dark" : "light") : choice;
}

/** Puts the theme and presentation mode on <html>, where the CSS variables switch. */
export function useDocumentTheme(): void {
  const theme = useResolvedTheme();
  const presentation = useUi((s) => s.presentation);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    root.classList.toggle("presentation", presentation);
  }, [theme, presentation]);
}
