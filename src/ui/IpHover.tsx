import { useEffect, useState } from "react";
import { labStore } from "../store";
import { ipOwners } from "./ipOwner";

interface Shown {
  ip: string;
  owners: string[];
  x: number;
  y: number;
}

/**
 * One tooltip for every IP on the page: listens for pointer and focus entering any `[data-ip]`
 * element and says who owns that address, read from the current snapshot at that moment.
 */
export function IpHover() {
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    const show = (e: Event) => {
      const el = (e.target as Element | null)?.closest?.("[data-ip]");
      if (!el) return;
      const ip = el.getAttribute("data-ip") ?? "";
      const r = el.getBoundingClientRect();
      const owners = ipOwners(labStore.getState().snapshot, ip);
      setShown({ ip, owners: owners.length ? owners : ["Not in use by anything in the cluster."], x: r.left, y: r.bottom + 6 });
    };
    const hide = (e: Event) => {
      if ((e.target as Element | null)?.closest?.("[data-ip]")) setShown(null);
    };
    const esc = (e: KeyboardEvent) => e.key === "Escape" && setShown(null);
    document.addEventListener("pointerover", show);
    document.addEventListener("pointerout", hide);
    document.addEventListener("focusin", show);
    document.addEventListener("focusout", hide);
    document.addEventListener("keydown", esc);
    return () => {
      document.removeEventListener("pointerover", show);
      document.removeEventListener("pointerout", hide);
      document.removeEventListener("focusin", show);
      document.removeEventListener("focusout", hide);
      document.removeEventListener("keydown", esc);
    };
  }, []);
  if (!shown) return null;
  const left = Math.min(shown.x, window.innerWidth - 380);
  return (
    <div className="ip-hover" role="tooltip" style={{ left: Math.max(8, left), top: shown.y }}>
      <strong className="mono">{shown.ip}</strong>
      {shown.owners.map((o) => (
        <div key={o}>{o}</div>
      ))}
    </div>
  );
}
