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
