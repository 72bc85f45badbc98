import { useEffect } from "react";
import { labStore, startClock } from "../store";
import { ClusterView } from "./ClusterView";
import { FatalGate } from "./FatalGate";
import { Header } from "./Header";
import { Terminal } from "./Terminal";
import "./app.css";

/** The lab: the live cluster as lists on the left, the terminal on the right. */
export function App() {
  useEffect(() => startClock(labStore), []);
  return (
    <FatalGate>
      <div className="app">
        <Header />
        <main className="workspace">
          <ClusterView />
          <Terminal />
        </main>
      </div>
    </FatalGate>
  );
}
