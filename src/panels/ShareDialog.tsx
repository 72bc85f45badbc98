import { useEffect, useId, useState } from "react";
import { shareUrl } from "../store/session";
import { Dialog } from "../ui/Dialog";

/** The lab's state as a URL, with a copy button (the clipboard may be refused: the URL stays selectable). */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const [url, setUrl] = useState("");
  const [copied, setCopied] = useState<string>("");
  useEffect(() => {
    let live = true;
    shareUrl().then(
      (u) => live && setUrl(u),
      () => live && setCopied("The link could not be made."),
    );
    return () => {
      live = false;
    };
  }, []);
  const id = useId();
  const copy = () => {
    navigator.clipboard?.writeText(url).then(
      () => setCopied("Copied."),
      () => setCopied("Copy it by hand: the browser refused the clipboard."),
    );
  };
  return (
    <Dialog title="Share this lab" onClose={onClose}>
      <div className="form">
        <div className="field">
          <label htmlFor={id}>Link that restores this lab</label>
          <input id={id} readOnly value={url || "Packing the lab…"} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <div className="form-actions">
          <button type="button" className="button primary" onClick={copy} disabled={!url}>
            Copy link
          </button>
          <span role="status">{copied}</span>
        </div>
      </div>
    </Dialog>
  );
}
