import type { UserState } from '../core/eligibility';
import type { KvStore } from '../outbox/kv-store';

/** The persisted anonymous id of this browser, used until (and after) `identify`. */
const ANONYMOUS_ID_KEY = 'anonymous-id';
/** `user-state:<user id or anonymous id>`: when this user last answered and dismissed. */
const USER_STATE_PREFIX = 'user-state:';

// Version 1 stored the same values under short names; they move on first use.
const OLD_ANONYMOUS_ID_KEY = 'anon';
const OLD_USER_STATE_PREFIX = 'u:';

/** The anonymous id and the throttle state of users, shared by every tab through the store. */
export interface UserStates {
  /** This browser's anonymous id, created (once, atomically across tabs) on first use. */
  anonymousId(): Promise<string>;
  /** The throttle state of `userId`, or of the anonymous visitor; `{}` when none is stored. */
  get(userId: string | undefined): Promise<UserState>;
  /** Merges `patch` into the stored state of `userId` (or of the anonymous visitor). */
  remember(userId: string | undefined, patch: UserState): Promise<void>;
  /** Starts a new anonymous id (logout). */
  reset(): void;
}

/**
 * User state over a store. Keys written by version 1 (`anon`, `u:<id>`) are moved to their
 * readable names the first time they are needed, so a returning visitor keeps their id and throttle.
 * @param newId makes a fresh anonymous id
 */
export function createUserStates(store: KvStore, newId: () => string): UserStates {
  let anonymous: Promise<string> | undefined;
  const moved = new Map<string, Promise<void>>();

  // The new key wins when both exist (another tab may already have moved it).
  const move = (from: string, to: string) => {
    let done = moved.get(to);
    if (!done) {
      done = (async () => {
        const old = await store.get(from);
        if (old === undefined) return;
        await store.update(to, (current) => current ?? old);
        await store.del(from);
      })().catch(() => {});
      moved.set(to, done);
    }
    return done;
  };

  // An atomic update, so two tabs on a first visit agree on one id (a get-then-set would not).
  const anonymousId = () =>
    (anonymous ??= (async () => {
      await move(OLD_ANONYMOUS_ID_KEY, ANONYMOUS_ID_KEY);
      let id = newId();
      await store.update<string>(ANONYMOUS_ID_KEY, (stored) => (id = stored ?? id));
      return id;
    })().catch(() => newId()));

  const keyOf = async (userId: string | undefined) => {
    const owner = userId ?? (await anonymousId());
    await move(OLD_USER_STATE_PREFIX + owner, USER_STATE_PREFIX + owner);
    return USER_STATE_PREFIX + owner;
  };

  return {
    anonymousId,
    get: async (userId) => (await store.get<UserState>(await keyOf(userId))) ?? {},
    remember: async (userId, patch) =>
      store.update<UserState>(await keyOf(userId), (state) => ({ ...state, ...patch })),
    reset() {
      const fresh = newId();
      anonymous = store.set(ANONYMOUS_ID_KEY, fresh).then(
        () => fresh,
        () => fresh,
      );
    },
  };
}
