/**
 * Thrown to end a delivery pass quietly, with nothing to report: the outbox was closed, the browser
 * went offline while a request was out, or another tab learnt a `Retry-After` while this one claimed.
 */
export const stop = Symbol('stop');
