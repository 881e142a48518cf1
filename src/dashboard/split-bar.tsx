import type { NpsFigures } from '../core/api-types';
import { percent } from './format';

const PARTS = [
  ['detractors', 'detractor'],
  ['passives', 'passive'],
  ['promoters', 'promoter'],
] as const;

/** Detractors, passives and promoters as one stacked bar (the legend beside it carries the numbers). */
export function SplitBar({ figures }: { figures: NpsFigures }) {
  const { total } = figures;
  const label = total ? PARTS.map(([key]) => `${key} ${percent(figures[key] / total)}`).join(', ') : 'No answers yet';
  let offset = 0;
  return (
    <svg class="split-bar" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label={label}>
      {!total && <rect class="empty" x="0" y="0" width="1000" height="24" />}
      {total > 0 &&
        PARTS.map(([key, category]) => {
          const width = (figures[key] / total) * 1000;
          const rect = <rect key={key} class={category} x={offset} y="0" width={width} height="24" />;
          offset += width;
          return rect;
        })}
    </svg>
  );
}
