import { dateTime } from './format';
import { useStore } from './store-context';
import { UserLink } from './user-link';

/** Users whose earlier answer was a detractor's and whose latest is not. */
export function RecoveredList() {
  const store = useStore();
  const reply = store.recovered.value.value;
  if (!reply) return null; // not offered by this collector, or failed: leave it out
  return (
    <section class="panel" aria-labelledby="recovered-title">
      <h2 id="recovered-title">Recovered detractors: {reply.count}</h2>
      {reply.users.length === 0 ? (
        <p class="empty-note">None yet in this range.</p>
      ) : (
        <ul class="plain-list">
          {reply.users.map((user) => (
            <li key={user.userId}>
              <UserLink response={{ userId: user.userId, anonymousId: '' }} /> · detractor on{' '}
              {dateTime(user.firstDetractorAt)}, latest score {user.latestScore} on {dateTime(user.latestAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
