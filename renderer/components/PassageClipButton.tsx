// One click from a passage to its footage: the clips of its gate's cameras from 10 s before to
// 20 s after, each starting at the passage's moment. While the segment holding that moment is
// still being written, the dialog says so and looks again every few seconds.
import { useMemo, useState } from 'react';
import { Button, Empty, Modal, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PassageView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { usePassageClips } from '../api/playback-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { ClipPlayer } from './ClipPlayer.tsx';

export function PassageClipButton({ passage }: { passage: PassageView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  return (
    <>
      <Button size="small" data-testid={`play-clip-${passage.id}`} onClick={() => setOpen(true)}>
        {t('playback.playClip')}
      </Button>
      {open && <PassageClipModal passage={passage} onClose={() => setOpen(false)} />}
    </>
  );
}

function PassageClipModal({ passage, onClose }: { passage: PassageView; onClose(): void }) {
  const { t } = useTranslation();
  const clips = usePassageClips(passage.id);
  const seek = useMemo(() => ({ at: passage.capturedAt, n: 0 }), [passage.capturedAt]);

  return (
    <Modal open onCancel={onClose} footer={null} width={880} destroyOnHidden
      title={t('playback.clipTitle', { plate: passage.plate,
        time: formatDateTime(passage.capturedAt) })}>
      <div data-testid="passage-clip-dialog">
        {clips.isPending && <Spin />}
        {clips.isError && <ApiErrorAlert error={errorOf(clips.error)} />}
        <Space orientation="vertical" className="page-wide">
          {clips.data?.clips.map((clip) => (
            <ClipPlayer key={clip.clipId} clip={clip} title={clip.cameraId} seek={seek}
              autoPlay />
          ))}
          {clips.data && clips.data.missing.length > 0 && (
            <Typography.Text type="secondary" data-testid="passage-clip-pending">
              {t('playback.notYetIndexed', { cameras: clips.data.missing.join(', ') })}
            </Typography.Text>
          )}
          {clips.data?.clips.length === 0 && clips.data.missing.length === 0 && (
            <Empty description={t('playback.noFootage')} />
          )}
        </Space>
      </div>
    </Modal>
  );
}
