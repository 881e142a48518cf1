import { FilterBar } from './filter-bar';
import { useStore } from './store-context';

/** The dashboard's title bar: the filters, the CSV export of what they select, and signing out. */
export function AppHeader() {
  const store = useStore();
  return (
    <header class="top">
      <h1>NPS dashboard</h1>
      <FilterBar />
      <div class="actions">
        <a class="button quiet" href={store.exportUrl.value} download>
          Export CSV
        </a>
        <form method="post" action="/logout">
          <button type="submit" class="quiet">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
