import { useState, type ReactNode } from "react";
import { act } from "../actions/act";
import { scaleDeployment } from "../actions/commands";

/**
 * − / a number / + for a Deployment's replicas: each runs `kubectl scale`. A typed number is sent
 * on Enter and dropped on Escape or blur. Used on the canvas card (compact, names the Deployment
 * in every label, since many cards share the page) and in the inspector.
 */
export function ReplicasStepper(props: {
  namespace: string;
  name: string;
  replicas: number;
  /** The card's form: small icon buttons, and labels that say which Deployment. */
  compact?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const { namespace, name, replicas, compact } = props;
  const [typed, setTyped] = useState<string | null>(null);
  const scale = (n: number) => {
    if (Number.isInteger(n) && n >= 0) act(scaleDeployment(namespace, name, n));
  };
  const button = compact ? "icon-button" : "button small";
  const who = compact ? ` ${name}` : "";
  return (
    <div className={props.className} role="group" aria-label={`Scale${who}`}>
      <button type="button" className={button} aria-label={`Scale${who} down`} disabled={replicas === 0} onClick={() => scale(replicas - 1)}>
        −
      </button>
      <input
        className="replicas"
        type="number"
        min={0}
        aria-label={compact ? `Replicas of ${name}` : "Replicas"}
        value={typed ?? String(replicas)}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={() => setTyped(null)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && typed !== null) {
            scale(Number(typed));
            setTyped(null);
          }
          if (e.key === "Escape") setTyped(null);
        }}
      />
      <button type="button" className={button} aria-label={`Scale${who} up`} onClick={() => scale(replicas + 1)}>
        +
      </button>
      {props.children}
    </div>
  );
}
