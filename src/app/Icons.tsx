/** Small inline icons (system fonts lack some media glyphs). Decorative: hidden from screen readers. */
export function PlayIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d="M3 1.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="2.5" y="1.5" width="3" height="11" fill="currentColor" />
      <rect x="8.5" y="1.5" width="3" height="11" fill="currentColor" />
    </svg>
  );
}

export function StepIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d="M2 1.5v11l7-5.5z" fill="currentColor" />
      <rect x="10" y="1.5" width="2.5" height="11" fill="currentColor" />
    </svg>
  );
}

/** Reset: an arrow turning back. */
export function ResetIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d="M2.5 7a4.5 4.5 0 1 0 1.4-3.3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      <path d="M1.5 1.5v3.5H5z" fill="currentColor" />
    </svg>
  );
}

/** Legend: a key of swatches. */
export function LegendIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="1" y="1.5" width="3.5" height="3" rx="0.6" fill="currentColor" />
      <rect x="1" y="5.5" width="3.5" height="3" rx="0.6" fill="currentColor" opacity="0.7" />
      <rect x="1" y="9.5" width="3.5" height="3" rx="0.6" fill="currentColor" opacity="0.45" />
      <path d="M6.5 3h6.5M6.5 7h6.5M6.5 11h6.5" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** Settings: a gear. */
export function GearIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path
        d="M6 1h2l.3 1.6 1.2.5 1.4-.9 1.4 1.4-.9 1.4.5 1.2L13 6v2l-1.6.3-.5 1.2.9 1.4-1.4 1.4-1.4-.9-1.2.5L8 13H6l-.3-1.6-1.2-.5-1.4.9-1.4-1.4.9-1.4-.5-1.2L1 8V6l1.6-.3.5-1.2-.9-1.4 1.4-1.4 1.4.9 1.2-.5z"
        fill="currentColor"
      />
      <circle cx="7" cy="7" r="2" fill="var(--panel, #fff)" />
    </svg>
  );
}
