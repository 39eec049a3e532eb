// A recorded clip in a <video>, with the Beijing time of the picture beside it. `seek` moves the
// picture to a wall-clock moment (a passage, a ledger row); the clip's holes (lost footage) are
// skipped and shown as such.
import { useEffect, useRef, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClipView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { formatDateTime } from '../format/time.ts';
import { clipOffsetAt, wallTimeAt } from '../video/clip-time.ts';
import { mediaUrl } from '../video/media-url.ts';
import '../video/video.css';

export interface SeekRequest {
  at: number;
  /** Changes with every request, so the same moment can be asked for twice. */
  n: number;
}

interface Props {
  clip: ClipView;
  title?: string;
  seek?: SeekRequest | null;
  autoPlay?: boolean;
}

export function ClipPlayer({ clip, title, seek, autoPlay }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [shownAt, setShownAt] = useState<number | null>(null);
  const src = mediaUrl(clip.url, api.token());

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !seek) return;
    const offset = clipOffsetAt(clip.pieces, seek.at);
    if (offset === null) return;

    const go = () => {
      video.currentTime = offset;
      if (autoPlay) void video.play().catch(() => undefined);
    };
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) go();
    else video.addEventListener('loadedmetadata', go, { once: true });
    return () => video.removeEventListener('loadedmetadata', go);
  }, [clip, seek, autoPlay]);

  const onTime = () => {
    const video = videoRef.current;
    if (video) setShownAt(wallTimeAt(clip.pieces, video.currentTime));
  };

  return (
    <div className="clip-player" data-testid={`clip-${clip.cameraId}`}
      data-camera={clip.cameraId} data-clip-start={clip.startAt} data-clip-end={clip.endAt}>
      <Space wrap>
        {title && <Typography.Text strong>{title}</Typography.Text>}
        <Typography.Text type="secondary" data-testid="clip-shown-at"
          data-shown-at={shownAt ?? ''}>
          {shownAt !== null ? formatDateTime(shownAt) : ''}
        </Typography.Text>
        {clip.holes.length > 0 && (
          <Tag color="red" data-testid="clip-holes">
            {t('playback.holes', { count: clip.holes.length })}
          </Tag>
        )}
      </Space>
      {src === null
        ? <Typography.Paragraph type="secondary">{t('live.noHost')}</Typography.Paragraph>
        : (
          <video
            ref={videoRef}
            className="clip-video"
            data-testid={`clip-video-${clip.cameraId}`}
            src={src}
            controls
            muted
            autoPlay={autoPlay}
            playsInline
            preload="metadata"
            onTimeUpdate={onTime}
            onSeeked={onTime}
          />
        )}
    </div>
  );
}
