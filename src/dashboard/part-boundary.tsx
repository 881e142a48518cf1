import { Component, type ComponentChildren } from 'preact';

/**
 * Renders its children, or nothing once they threw while rendering: a reply the dashboard does not
 * understand hides that one part instead of blanking the page. A new `resetOn` (the next reply) tries again.
 */
export class PartBoundary extends Component<{ children: ComponentChildren; resetOn?: unknown }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidUpdate(previous: { resetOn?: unknown }) {
    if (this.state.failed && previous.resetOn !== this.props.resetOn) this.setState({ failed: false });
  }

  override componentDidCatch(error: unknown) {
    console.error('dashboard: a part could not be shown', error);
    this.setState({ failed: true });
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
