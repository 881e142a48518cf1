import { render } from 'preact';
import { App } from './app';
import { createApiClient } from './api-client';
import { createDashboardStore } from './dashboard-store';
import { StoreContext } from './store-context';

// The dashboard page's script (dist/dashboard/dashboard.js): same-origin API, the session cookie.
const store = createDashboardStore(createApiClient());
const root = document.getElementById('app');
if (!root) throw new Error('dashboard: the page has no #app element');
render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  root,
);
store.start();
