import { useId, type ReactNode } from "react";

interface Props {
  title: string;
  /** Shown after the title, e.g. a count or a toggle. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A titled region of the cluster view; the heading names the region for screen readers. */
export function Section({ title, aside, children }: Props) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
