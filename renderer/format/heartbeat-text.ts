// The Sync page's "last heartbeat": when the last one went and what it came to. A failure keeps
// the last answered time in view, so an installer sees both "failing now" and "since when".
import type { SyncStatusView } from '../../electron/api/contract.ts';
import { formatDateTime } from './time.ts';

type Link = SyncStatusView['link'];
/** i18next's `t`, as far as this text needs it. */
type Translate = (key: string, values: Record<string, string>) => string;

export function heartbeatText(link: Link, t: Translate): string {
  const sentAt = link.lastHeartbeatSentAt ?? link.lastHeartbeatAt;
  if (sentAt === null) return t('sync.never', {});

  if (link.lastHeartbeatError === null) {
    return t('sync.heartbeatAnswered', { at: formatDateTime(link.lastHeartbeatAt ?? sentAt) });
  }
  const answered = link.lastHeartbeatAt === null ? t('sync.never', {})
    : formatDateTime(link.lastHeartbeatAt);
  return t('sync.heartbeatFailed', { at: formatDateTime(sentAt),
    reason: link.lastHeartbeatError, answered });
}
