// The IPC channel names the preload and the main process share. Plain constants, no imports:
// the preload bundle must not pull anything else in with them.
export const IPC_CHANNELS = {
  /** invoke(name, input) → Result: one API call, answered as a value, never thrown. */
  call: 'gatehouse:call',
  /** invoke(event) → Result: the window wants this event (kept across login and logout). */
  sub: 'gatehouse:sub',
  /** invoke(event) → Result: the window no longer wants this event. */
  unsub: 'gatehouse:unsub',
  /** main → window send(event, payload): one event the session may see. */
  event: 'gatehouse:event',
} as const;
