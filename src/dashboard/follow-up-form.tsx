import { useId, useState } from 'preact/hooks';
import type { FollowUpStatus, StoredResponse } from '../core/api-types';
import { FollowUpHistory } from './follow-up-history';
import { useFollowUpSave } from './use-follow-up-save';

const STATUSES: FollowUpStatus[] = ['open', 'contacted', 'resolved'];

/** An input handler that passes the field's new value to `set`. */
const fieldValue = (set: (value: string) => void) => (event: Event) =>
  set((event.currentTarget as HTMLInputElement).value);

/** Status, owner and note of one response's follow-up, saved with PATCH; its history below. */
export function FollowUpForm({ response }: { response: StoredResponse }) {
  const { followUp } = response;
  const [status, setStatus] = useState<FollowUpStatus>(followUp.status);
  const [owner, setOwner] = useState(followUp.owner ?? '');
  const [note, setNote] = useState(followUp.note ?? '');
  const { saving, message, save } = useFollowUpSave(response.id);
  const id = useId();

  const submit = (event: Event) => {
    event.preventDefault();
    return save({ status, owner: owner.trim() || null, note: note.trim() || null });
  };

  return (
    <>
      <form class="follow-up-form" onSubmit={submit} aria-label={`Follow-up of the answer ${response.id.slice(0, 8)}`}>
        <div class="field">
          <label for={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            name="status"
            value={status}
            onChange={fieldValue((picked) => setStatus(picked as FollowUpStatus))}
          >
            {STATUSES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
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
            onInput={fieldValue(setOwner)}
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
            onInput={fieldValue(setNote)}
          />
        </div>
        <button type="submit" disabled={saving}>
          Save
        </button>
        <span class="saved" role="status">
          {message}
        </span>
      </form>
      <FollowUpHistory history={followUp.history} />
    </>
  );
}
