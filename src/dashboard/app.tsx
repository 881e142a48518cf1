import { AppHeader } from './app-header';
import { CommentsPanel } from './comments-panel';
import { FailedAlerts } from './failed-alerts';
import { FigurePanels } from './figure-panels';
import { FollowUpQueue } from './follow-up-queue';
import { PartBoundary } from './part-boundary';
import { RecoveredList } from './recovered-list';
import { ThemesPanel } from './themes-panel';
import { ResponsePanel } from './response-panel';
import { useStore } from './store-context';
import { UserHistory } from './user-history';

/** The whole dashboard page. */
export function App() {
  const store = useStore();
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1}>
        <p class="live" role="status" aria-live="polite">
          {store.announcement.value}
        </p>
        {store.stats.error.value && (
          <p class="error" role="alert">
            Could not load the figures: {store.stats.error.value}
          </p>
        )}
        <PartBoundary>
          <ResponsePanel />
        </PartBoundary>
        <PartBoundary>
          <UserHistory />
        </PartBoundary>
        <FigurePanels />
        <PartBoundary>
          <FollowUpQueue />
        </PartBoundary>
        <div class="comments-and-themes">
          <div class="themes-column">
            <PartBoundary>
              <ThemesPanel side="detractors" />
            </PartBoundary>
            <PartBoundary>
              <ThemesPanel side="promoters" />
            </PartBoundary>
          </div>
          <PartBoundary>
            <CommentsPanel />
          </PartBoundary>
        </div>
        <div class="two-columns">
          <PartBoundary>
            <RecoveredList />
          </PartBoundary>
          <PartBoundary>
            <FailedAlerts />
          </PartBoundary>
        </div>
      </main>
    </>
  );
}
