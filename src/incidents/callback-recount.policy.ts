/**
 * An incident's open callbacks as the callbacks collection has them: how many are pending or
 * taken, and the latest moment one of them was asked for or one was closed.
 */
export interface CallbackTally {
  open: number;
  lastChangeAt?: Date;
}

/**
 * The count to set on an incident, or undefined to leave it as it is.
 *
 * A callback's own write and the incident's `$inc` are two writes, so for a moment the counter
 * is legitimately behind: setting it to the tally then would make the late `$inc` count twice.
 * So an incident whose callbacks changed since `quietSince` is left for a later run; a counter a
 * crash left wrong stays wrong until then, never longer. (Retention deletes a chat's callbacks
 * and leaves no date to see: a run between that delete and its `-1` sets one too few, which the
 * next run corrects.)
 */
export function recountedCallbacks(
  stored: number | undefined,
  tally: CallbackTally | undefined,
  quietSince: Date,
): number | undefined {
  const open = tally?.open ?? 0;
  if (stored === open) return undefined;
  if (tally?.lastChangeAt && tally.lastChangeAt.getTime() >= quietSince.getTime()) return undefined;
  return open;
}
