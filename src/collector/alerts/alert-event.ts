/** What raises an alert: a detractor's answer, any answer, or any comment. */
export type AlertEvent = 'detractor' | 'answer' | 'comment';

/** Every {@link AlertEvent}, in the order error messages list them. */
export const ALERT_EVENTS: readonly AlertEvent[] = ['detractor', 'answer', 'comment'];
