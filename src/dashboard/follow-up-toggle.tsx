import { useId, useState } from 'preact/hooks';
import type { StoredResponse } from '../core/api-types';
import { FollowUpForm } from './follow-up-form';

/**
 * A queue item's follow-up as one compact line (status, owner, how many changes) with a button that
 * opens the form to edit it, so a long queue stays a list to scan rather than a wall of forms.
 */
export function FollowUpToggle({ response }: { response: StoredResponse }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  const { status, owner, history } = response.followUp;
  return (
    <div class="follow-up-toggle">
      <p class="follow-up-line">
        <span class={`status-pill status-${status}`}>{status}</span>
        {owner && <span> · {owner}</span>}
        {history.length > 0 && (
          <span class="muted">
            {' '}
            · {history.length} {history.length === 1 ? 'change' : 'changes'}
          </span>
        )}
        <button
          type="button"
          class="quiet edit-follow-up"
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Done' : 'Edit follow-up'}
        </button>
      </p>
      {open && (
        <div id={formId}>
          <FollowUpForm response={response} />
        </div>
      )}
    </div>
  );
}
