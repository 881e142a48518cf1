import { useId, useState } from 'preact/hooks';
import type { FollowUpStatus, StoredResponse } from '../core/api-types';
import { dateTime } from './format';
import { useStore } from './store-context';

const STATUSES: FollowUpStatus[] = ['open', 'contacted', 'resolved'];

/** Status, owner and note of one response's follow-up, saved with PATCH; its history below. */
export function FollowUpForm({ response }: { response: StoredResponse }) {
  const store = useStore();
  const { followUp } = response;
  const [status, setStatus] = useState<FollowUpStatus>(followUp.status);
  const [owner, setOwner] = useState(followUp.owner ?? '');
  const [note, setNote] = useState(followUp.note ?? '');
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const id = useId();

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setMessage('Saving…');
    try {
      await store.saveFollowUp(response.id, {
        followUp: { status, owner: owner.trim() || null, note: note.trim() || null },
      });
      setMessage('Saved');
    } catch (e) {
      setMessage('Not saved: ' + (e instanceof Error ? e.message : String(e)));
    } finally {
      setSaving(false);
    }
  };
  const value = (set: (v: string) => void) => (event: Event) => set((event.currentTarget as HTMLInputElement).value);

  return (
    <>
      <form class="follow-up-form" onSubmit={save} aria-label={`Follow-up of the answer ${response.id.slice(0, 8)}`}>
        <div class="field">
          <label for={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            name="status"
            value={status}
            onChange={value((v) => setStatus(v as FollowUpStatus))}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            name="owner"
            value={owner}
            maxLength={200}
            autoComplete="off"
            onInput={value(setOwner)}
          />
        </div>
        <div class="field note-field">
          <label for={`${id}-note`}>Note</label>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={2}
            maxLength={2000}
            value={note}
            placeholder="What you did, what they said"
            onInput={value(setNote)}
          />
        </div>
        <button type="submit" disabled={saving}>
          Save
        </button>
        <span class="saved" role="status">
          {message}
        </span>
      </form>
      {followUp.history?.length > 0 && (
        <details class="history">
          <summary>History ({followUp.history.length})</summary>
          <ol>
            {followUp.history.map((change, i) => (
              <li key={i}>
                <time dateTime={change.at}>{dateTime(change.at)}</time> · {change.by}: {change.status}
                {change.owner && <> · owner {change.owner}</>}
                {change.note && <> · “{change.note}”</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
