import { useEffect, useState } from 'preact/hooks';
import type { Filters } from './api-client';
import { useStore } from './store-context';
import { EMPTY_FILTERS } from './url-state';

/** Stage, range and segment; "Apply" puts them in the URL (a new history entry) and reloads. */
export function FilterBar() {
  const store = useStore();
  const applied = store.filters.value;
  const [draft, setDraft] = useState<Filters>(applied);
  // Back/forward changes the applied filters: the form follows.
  useEffect(() => setDraft(applied), [applied]);

  const stages = store.knownStages.value;
  const segmentKeys = store.segments.value.value?.segments.map((s) => s.key) ?? [];
  const field = (key: keyof Filters) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const submit = (event: Event) => {
    event.preventDefault();
    void store.applyFilters(draft);
  };
  const clear = (event: Event) => {
    event.preventDefault();
    setDraft(EMPTY_FILTERS);
    void store.applyFilters(EMPTY_FILTERS);
  };

  return (
    <form class="filters" aria-label="Filters" onSubmit={submit} onReset={clear}>
      <div class="field">
        <label for="filter-stage">Stage</label>
        <select id="filter-stage" name="stage" value={draft.stage} onChange={field('stage')}>
          <option value="">All stages</option>
          {[...new Set([...stages, draft.stage].filter(Boolean))].map((stage) => (
            <option key={stage} value={stage}>
              {stage}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input
          id="filter-from"
          name="from"
          type="date"
          value={draft.from}
          max={draft.to || undefined}
          onChange={field('from')}
        />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input
          id="filter-to"
          name="to"
          type="date"
          value={draft.to}
          min={draft.from || undefined}
          onChange={field('to')}
        />
      </div>
      <div class="field">
        <label for="filter-segment">Segment by</label>
        <select id="filter-segment" name="segment" value={draft.segment} onChange={field('segment')}>
          <option value="">No segment</option>
          {[...new Set([...segmentKeys, draft.segment].filter(Boolean))].map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-buttons">
        <button type="submit">Apply</button>
        <button type="reset" class="quiet">
          Clear
        </button>
      </div>
    </form>
  );
}
