/**
 * What one condition of a trigger does at run time; each kind's runtime (`kinds/<kind>.ts`) makes
 * one. A trigger takes part in the page views that all its `page` conditions match (`path`); once it
 * has entered one, its `wait` conditions must hold, one after the other (`afterSeconds`); then it
 * fires at once, or at its `moment` (`click`, `event`) if it has one.
 * @example const condition: TriggerCondition = { page: (pathname) => pathname === '/billing' };
 */
export type TriggerCondition =
  | {
      /** Whether the trigger takes part in a page view at `pathname` (never the query or hash). */
      page(pathname: string): boolean;
    }
  | {
      /** Starts once the trigger entered a page view; calls `holds` once, when it holds. Returns the stop function. */
      wait(holds: () => void): () => void;
    }
  | {
      /** Starts once the trigger is ready; calls `happened` at each moment. Returns the stop function. */
      moment(happened: () => void): () => void;
    };
