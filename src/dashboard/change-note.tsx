import type { NpsChange } from '../core/api-types';
import type { Filters } from './api-client';
import { changeRangeText, changeText, changeTooFew, previousRangeText, signOf, signed, tooFewText } from './format';

/** One range's NPS in the change line: signed, coloured by sign, with "too few answers" as text. */
function RangeNps({ nps, total }: { nps: number; total: number }) {
  if (!total) return <span class="sign-none">no answers</span>;
  const few = tooFewText({ total });
  return (
    <span class={`sign-${signOf(nps)}`}>
      {signed(nps)}
      {few && <span class="too-few"> ({few})</span>}
    </span>
  );
}

/**
 * The change under the headline, with the NPS of both ranges it compares, because without From the
 * headline covers all time while the change compares the last 30 days with the 30 before them.
 */
export function ChangeNote({ change, filters }: { change: NpsChange; filters: Pick<Filters, 'from' | 'to'> }) {
  const judged = change.significant && !changeTooFew(change);
  return (
    <>
      <p class="change-ranges">
        {changeRangeText(change, filters)}: <RangeNps nps={change.nps} total={change.total} /> ·{' '}
        {previousRangeText(change)}: <RangeNps nps={change.previousNps} total={change.previousTotal} />
      </p>
      <p class={`change sign-${judged ? signOf(change.delta) : 'zero'}`}>{changeText(change)}</p>
    </>
  );
}
