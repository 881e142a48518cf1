// fake-indexeddb gives happy-dom a spec-complete IndexedDB, shared across the file like a real origin.
import 'fake-indexeddb/auto';
