import { App } from "./App";
import { ErrorBoundary } from "./ErrorBoundary";
import { labStore } from "../store";

/** The app inside an error boundary whose "Reset lab" starts a fresh cluster. */
export function Root() {
  return (
    <ErrorBoundary onReset={() => labStore.getState().reset()}>
      <App />
    </ErrorBoundary>
  );
}
