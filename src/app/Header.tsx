import { ClockControls } from "./ClockControls";

export function Header() {
  return (
    <header className="header">
      <h1 className="brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        Podflow <span className="brand-sub">Kubernetes Services lab</span>
      </h1>
      <ClockControls />
    </header>
  );
}
