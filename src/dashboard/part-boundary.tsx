import { Component, type ComponentChildren } from 'preact';

/**
 * Renders its children, or nothing once they threw while rendering: a reply the dashboard does not
 * understand hides that one part instead of blanking the page.
 */
export class PartBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    console.error('dashboard: a part could not be shown', error);
    this.setState({ failed: true });
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
