import { useState } from 'preact/hooks';
import type { FollowUpPatch } from '../core/api-types';
import { useStore } from './store-context';

/**
 * Saving one response's follow-up from a form: whether a save is running, and the message to show
 * ("Saving…", "Saved", "Not saved: …").
 * @example const { saving, message, save } = useFollowUpSave(response.id);
 */
export function useFollowUpSave(responseId: string) {
  const store = useStore();
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);

  async function save(followUp: FollowUpPatch['followUp']) {
    setSaving(true);
    setMessage('Saving…');
    try {
      await store.saveFollowUp(responseId, { followUp });
      setMessage('Saved');
    } catch (error) {
      setMessage(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return { saving, message, save };
}
