import { HttpError } from '../http/http-error';

/** The longest `q` the read API takes, in characters. */
const SEARCH_TEXT_MAX_LENGTH = 200;

/**
 * The `q` filter of the read API: words to find in comments, as a web search engine reads them
 * (`late delivery`, `"late delivery"` for the phrase, `shipping or delivery`, `-refund`), trimmed;
 * undefined when empty. Longer than {@link SEARCH_TEXT_MAX_LENGTH} characters is a 400 naming `q`
 * (control characters are refused, naming it, by the filter parser that calls this).
 * @example searchTextOf(' shipping ') // 'shipping'
 */
export function searchTextOf(value: string | null): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if ([...text].length > SEARCH_TEXT_MAX_LENGTH)
    throw new HttpError(400, `q must have at most ${SEARCH_TEXT_MAX_LENGTH} characters, got ${[...text].length}`);
  return text;
}

/**
 * The `where` clause of `q`, with `?` for its parameter: the comment matches the search in its own
 * language's reading (stems, so `ship` finds "shipping" and "shipped"), through the GIN index over
 * `comment_search` (see `theme-migrations.ts`).
 */
export const COMMENT_MATCHES = '(comment is not null and comment_search @@ nps_comment_query(?))';
