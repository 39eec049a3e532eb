// One photo of a passage: fetched when it comes near the screen, cached by its SHA-256 (the same
// picture is fetched once however often it is shown), enlarged on click.
import { useState } from 'react';
import { Modal, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePhoto } from '../api/queries.ts';
import { useNearViewport } from './use-near-viewport.ts';

interface Props {
  sha256: string;
  kind: string;
  /** Thumbnail height in pixels; the width follows the picture. */
  height: number;
}

export function PassagePhoto({ sha256, kind, height }: Props) {
  const { t } = useTranslation();
  const { ref, near } = useNearViewport<HTMLSpanElement>();
  const photo = usePhoto(sha256, near);
  const [enlarged, setEnlarged] = useState(false);

  if (photo.data === undefined) {
    const label = photo.isError ? t('photo.failed') : t('photo.loading');
    return (
      <span ref={ref} className="photo-placeholder" style={{ height, width: height * 1.5 }}>
        {photo.isError ? label : <Skeleton.Image active style={{ height, width: height * 1.5 }} />}
      </span>
    );
  }

  return (
    <>
      <img
        data-testid={`photo-${sha256}`}
        className="passage-photo"
        src={photo.data}
        alt={kind}
        style={{ height }}
        onClick={() => setEnlarged(true)}
      />
      <Modal open={enlarged} footer={null} width="80vw" onCancel={() => setEnlarged(false)}>
        <img className="photo-enlarged" src={photo.data} alt={kind} />
      </Modal>
    </>
  );
}
