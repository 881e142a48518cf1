/**
 * When a stage's prompt is asked for without code (the stage's `on`). The conditions of one
 * trigger all hold together; a list of triggers means any of them.
 * @example { path: ['/projects', '/projects/**'], afterSeconds: 60 }
 */
export interface Trigger {
  /**
   * The page's `location.pathname` (never the query or hash): a pattern or a list of them. `*`
   * matches one segment, `**` any number; a trailing slash does not matter. The ESM API also takes a RegExp.
   */
  path?: string | RegExp | readonly (string | RegExp)[];
  /** The matching page has been visible this many seconds (hidden time does not count). */
  afterSeconds?: number;
  /** A CSS selector: a click on a matching element (or inside one), added before or after init. */
  click?: string;
  /** An app event: `nps.track(name)`. */
  event?: string;
}

/** A stage's `on`: one trigger, or a list meaning any of them. */
export type Triggers = Trigger | readonly Trigger[];
