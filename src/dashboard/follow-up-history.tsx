import type { FollowUpChange } from '../core/api-types';
import { dateTime } from './format';

/** Every change of a follow-up, oldest first, folded away under "History (n)"; nothing when there is none. */
export function FollowUpHistory({ history }: { history: FollowUpChange[] }) {
  if (!(history?.length > 0)) return null;
  return (
    <details class="history">
      <summary>History ({history.length})</summary>
      <ol>
        {history.map((change, index) => (
          <li key={index}>
            <time dateTime={change.at}>{dateTime(change.at)}</time> · {change.by}: {change.status}
            {change.owner && <> · owner {change.owner}</>}
            {change.note && <> · “{change.note}”</>}
          </li>
        ))}
      </ol>
    </details>
  );
}
