// A camera's live picture on its lane card: H.264 through Media Source Extensions, or a still
// picture every few seconds with a note when the camera sends H.265, which this PC cannot play.
import { useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { LivePlayer, type LiveStatus } from '../video/live-player.ts';
import { liveUrl } from '../video/media-url.ts';
import '../video/video.css';

/** The refusals the live endpoint words by code (electron/live/live-endpoint.ts). */
const REFUSALS = new Set(['no-camera', 'no-stream', 'no-ffmpeg', 'stream-failed']);

export function LiveVideo({ cameraId }: { cameraId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<LiveStatus>({ kind: 'connecting' });
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const url = liveUrl(cameraId, api.token());

  useEffect(() => {
    const video = videoRef.current;
    if (!url || !video) return;
    const player = new LivePlayer({ video, url, onStatus: setStatus, onSnapshot: setSnapshot });
    player.start();
    return () => player.stop();
  }, [url]);

  const stills = status.kind === 'snapshots';
  return (
    <div className="live-video" data-testid={`live-${cameraId}`} data-live-status={status.kind}>
      <video
        ref={videoRef}
        data-testid={`live-video-${cameraId}`}
        muted
        autoPlay
        playsInline
        style={{ display: stills ? 'none' : undefined }}
      />
      {stills && snapshot && <img src={snapshot} alt={t('live.snapshotAlt')} />}
      {url === null && <Typography.Text type="secondary">{t('live.noHost')}</Typography.Text>}
      <LiveNote status={status} />
    </div>
  );
}

function LiveNote({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const note = (() => {
    switch (status.kind) {
      case 'playing': return null;
      case 'connecting': return t('live.connecting');
      case 'interrupted': return t('live.interrupted');
      case 'snapshots': return t('live.snapshots', { codec: status.codec.toUpperCase() });
      case 'unsupported': return t('live.unsupported');
      case 'error': return t('live.refused', {
        why: status.code && REFUSALS.has(status.code) ? t(`live.refusal.${status.code}`)
          : status.message });
    }
  })();
  if (!note) return null;
  const warn = status.kind === 'snapshots' || status.kind === 'error';
  // The host's English detail stays at hand for the installer, under the pointer.
  return (
    <Typography.Text type={warn ? 'warning' : 'secondary'} className="live-note"
      data-testid="live-note" title={status.kind === 'error' ? status.message : undefined}>
      {note}
    </Typography.Text>
  );
}
