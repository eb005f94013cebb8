"use client";
// One error boundary per panel: a failed query or a chart that throws shows this panel's error
// state, with a retry, while every other panel keeps working.
import { useRouter } from "next/navigation";
import { Component, useTransition, type ReactNode } from "react";

type TProps = { title: string; children: ReactNode };

export class PanelBoundary extends Component<TProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return <PanelError title={this.props.title} onRetry={() => this.setState({ failed: false })} />;
  }
}

/** Server errors reach the browser without their details (by design); the message says what to do. */
function PanelError({ title, onRetry }: { title: string; onRetry: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      onRetry();
    });
  return (
    <section className="panel" role="alert" data-panel-state="error">
      <h2>{title}</h2>
      <p className="error">This panel could not be loaded. The other panels are unaffected.</p>
      <button type="button" onClick={retry} disabled={pending}>
        {pending ? "Retrying…" : "Try again"}
      </button>
    </section>
  );
}
