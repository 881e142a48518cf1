import { INDEXED_CONFIGS, SIMPLE_CONFIG, TEXT_SEARCH_CONFIGS } from './text-search-configs';

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

const LANGUAGE_CASES = Object.entries(TEXT_SEARCH_CONFIGS)
  .map(([language, config]) => `when ${quoted(language)} then ${quoted(config)}::regconfig`)
  .join(' ');

const READINGS = INDEXED_CONFIGS.map((config) => `websearch_to_tsquery(${quoted(config)}::regconfig, q)`).join(', ');

/**
 * Schema of comment search and themes, as migration steps the collector appends to its own list.
 * Statements are separated by `;` at the end of a line.
 *
 * - `nps_text_search_config(locale)`: the text search configuration of a locale's language
 *   (`TEXT_SEARCH_CONFIGS`).
 * - `comment_search`: each comment as a `tsvector` in its response's language (stems and their
 *   positions, stop words left out), a stored generated column, so every write of a comment (the
 *   upsert, any future path) keeps it current, and erasure takes it with the row. A GIN index over
 *   the rows with a comment serves search.
 * - `nps_comment_query(q)`: one `tsquery` for comments in any language: `q` read as a web search
 *   (`"two words"` for a phrase, `or`, `-word`) by every configuration, the distinct readings
 *   OR-ed, so each comment is matched by the reading of its own language's stemmer, and one GIN
 *   index serves them all. Distinct, because most languages read most words alike: 29 copies of one
 *   lexeme would cost the index scan 29 times over and make the planner think a rare word common.
 * - The newest comments of a range, which themes compare, come from an index over the rows with a
 *   comment by `shown_at` (and `id`, for a stable order), which also holds the stage, so a stage's
 *   comments are picked out of the index without reading the others' rows. Where responses arrive
 *   in the order they were shown, the plain `shown_at` index serves as well, and the planner may
 *   take it.
 */
export const THEME_MIGRATIONS: readonly string[] = [
  `create function nps_text_search_config(locale text) returns regconfig language sql immutable parallel safe
     as $$ select case lower(split_part(replace(locale, '_', '-'), '-', 1)) ${LANGUAGE_CASES} else ${quoted(SIMPLE_CONFIG)}::regconfig end $$;
   create function nps_comment_query(q text) returns tsquery language sql immutable parallel safe
     as $$ select coalesce(string_agg(distinct '(' || reading::text || ')', ' | ')::tsquery, ''::tsquery) from unnest(array[${READINGS}]) as reading where numnode(reading) > 0 $$;
   alter table nps_responses add column comment_search tsvector generated always as
     (case when comment is null then null else to_tsvector(nps_text_search_config(locale), comment) end) stored;
   create index nps_responses_comment_search on nps_responses using gin (comment_search) where comment is not null;
   create index nps_responses_commented on nps_responses (shown_at, id, stage) where comment is not null;`,
];
