/** A labelled select for the traffic forms. */
import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled select, like forms/Field for inputs: the label is what tests and screen readers find. */
export function Select({ label, children, ...select }: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {children}
      </select>
    </div>
  );
}
