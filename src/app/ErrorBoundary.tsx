import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  children: ReactNode;
  /** Called by "Reset lab" before the children render again. */
  onReset: () => void;
}

interface State {
  error: Error | null;
}

/**
 * Catches what broke while rendering (including an engine invariant the store re-throws) and
 * shows it with a "Reset lab" button: the page never goes blank (DESIGN.md principle 6).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Podflow hit an error it could not recover from.", error, info.componentStack);
  }

  private reset = () => {
    try {
      this.props.onReset();
    } catch (error) {
      console.error("Resetting the lab failed.", error);
    }
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>Something went wrong in the lab</h1>
        <p>The simulated cluster hit an internal error. Your commands were fine; this is a Podflow bug.</p>
        <pre className="fatal-detail">
          {error.name}: {error.message}
        </pre>
        <button type="button" className="button primary" onClick={this.reset} autoFocus>
          Reset lab
        </button>
      </main>
    );
  }
}
