import type { MountView } from './view';

/** Placeholder until the prompt UI lands (issue 3): renders nothing, closes as dismissed. */
export const mountPrompt: MountView = (props) => {
  queueMicrotask(() => void props.onDismiss().then(props.onClosed));
  return { close() {} };
};
