import type { ThemesReply, ThemeTerm } from '../core/api-types';
import { plural } from './format';
import { useStore } from './store-context';
import { writeUrlState } from './url-state';

/** Which side a panel shows: the terms detractors mention more, or the ones promoters do. */
export type ThemeSide = 'detractors' | 'promoters';

const TITLES: Record<ThemeSide, string> = {
  detractors: 'What detractors mention',
  promoters: 'What promoters mention',
};

const OTHER: Record<ThemeSide, string> = { detractors: 'promoters', promoters: 'detractors' };

/** The comment search that finds a term: a phrase in quotes, so its words must follow each other. */
export const searchFor = (term: Pick<ThemeTerm, 'text'>): string =>
  term.text.includes(' ') ? `"${term.text}"` : term.text;

/** "Too few comments to compare: …", with the counts and the minimum. */
function tooFewText(reply: ThemesReply): string {
  const { comments, minimum } = reply;
  return (
    `Too few comments to compare: ${plural(comments.detractors, 'comment')} from detractors and ` +
    `${comments.promoters} from promoters in this range; themes need at least ${minimum.comments} from each.`
  );
}

/** One term: a link that searches the comments for it, and how many of each category mention it. */
function ThemeItem({ term, side }: { term: ThemeTerm; side: ThemeSide }) {
  const store = useStore();
  const q = searchFor(term);
  const href = `/dashboard${writeUrlState({ ...store.url.value, q })}` || '/dashboard';
  const open = (event: MouseEvent) => {
    // A new tab or window keeps the browser's own handling.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void store.searchComments(q);
    document.getElementById('comments-title')?.focus();
  };
  const { detractors, passives, promoters } = term.counts;
  return (
    <li class={`theme theme-${side}`}>
      <a href={href} onClick={open} aria-current={store.url.value.q === q ? 'true' : undefined}>
        {term.text}
      </a>{' '}
      <span class="theme-counts">
        {plural(detractors, 'detractor')}, {plural(passives, 'passive')}, {plural(promoters, 'promoter')} · z {term.z}
      </span>
    </li>
  );
}

/**
 * "What detractors mention" (or promoters): the words and phrases one side uses more than the
 * other beyond chance, each a link that searches the comments for it; "too few comments" below the
 * collector's minimum. Terms are shown as text, whatever they hold.
 */
export function ThemesPanel({ side }: { side: ThemeSide }) {
  const store = useStore();
  const reply = store.themes.value.value;
  const error = store.themes.error.value;
  const terms = reply?.[side] ?? [];
  const id = `themes-${side}-title`;
  return (
    <section class="panel themes" aria-labelledby={id}>
      <h2 id={id}>{TITLES[side]}</h2>
      {error && <p class="error">Could not load the themes: {error}</p>}
      {!reply && !error && <p class="empty-note">Loading…</p>}
      {reply?.tooFew && <p class="empty-note">{tooFewText(reply)}</p>}
      {reply && !reply.tooFew && terms.length === 0 && <p class="empty-note">Nothing stands out in this range.</p>}
      {terms.length > 0 && (
        <ol class="theme-list">
          {terms.map((term) => (
            <ThemeItem key={term.term} term={term} side={side} />
          ))}
        </ol>
      )}
      {reply && !reply.tooFew && (
        <p class="note">
          Said by {side} more often than by {OTHER[side]}, beyond chance (z ≥ 1.96), in{' '}
          {reply.sampled ? 'the newest' : 'the'}{' '}
          {plural(reply.comments.detractors + reply.comments.passives + reply.comments.promoters, 'comment')} of this
          range. Select one to read them.
        </p>
      )}
    </section>
  );
}
