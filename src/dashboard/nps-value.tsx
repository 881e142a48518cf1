import type { NpsFigures } from '../core/api-types';
import { signOf, signed, tooFewText } from './format';

/**
 * An NPS figure coloured by its sign, with its margin and "too few answers" as text (never
 * colour alone): "+32 ± 6.1", "−8 ± 40 (too few answers)".
 */
export function NpsValue({
  figures,
  showMargin = true,
}: {
  figures: Pick<NpsFigures, 'nps' | 'marginOfError' | 'total' | 'tooFew'>;
  showMargin?: boolean;
}) {
  if (!figures.total) return <span class="nps sign-none">–</span>;
  const few = tooFewText(figures);
  return (
    <span class={`nps sign-${signOf(figures.nps)}`}>
      {signed(figures.nps)}
      {showMargin && figures.marginOfError != null && <span class="margin"> ± {figures.marginOfError}</span>}
      {few && <span class="too-few"> ({few})</span>}
    </span>
  );
}
