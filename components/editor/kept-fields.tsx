import type { EditStart } from '@/lib/data/edit-forms';

/** The hidden fields an edit form carries: which record, which version, and the links it keeps. */
export function KeptFields({ start }: { start?: EditStart }) {
  if (!start) return null;
  return (
    <>
      <input type="hidden" name="recordId" value={start.recordId} />
      <input type="hidden" name="baseVersion" value={start.baseVersion} />
      {start.keptSourceIds.map((id) => (
        <input key={id} type="hidden" name="keptSourceIds" value={id} />
      ))}
      {start.keptContractIds.map((id) => (
        <input key={id} type="hidden" name="keptContractIds" value={id} />
      ))}
    </>
  );
}
