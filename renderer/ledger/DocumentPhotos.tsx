// A record's photos — driving licence, 随车清单, nameplates, receipts, or a visit's passage
// photos (scene, plate) by entry and exit — each under its name, fetched when near the screen
// and enlarged on click.
import { Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PassagePhoto } from '../components/PassagePhoto.tsx';

/** Thumbnails large enough to read a licence's number at a glance. */
const THUMB_HEIGHT = 120;

/** A document photo, or a passage photo that also says which way the truck went. */
interface Photo {
  kind: string;
  sha256: string;
  direction?: 'in' | 'out';
}

export function DocumentPhotos({ photos }: { photos: readonly Photo[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) {
    return <Empty data-testid="ledger-no-photos" image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t('ledger.photos.none')} />;
  }

  return (
    <Space wrap size="middle" data-testid="ledger-photos">
      {photos.map((photo) => {
        const name = photo.direction === undefined
          ? t(`ledger.document.${photo.kind}`, { defaultValue: photo.kind })
          : t('ledger.passagePhoto', { direction: t(`lanes.direction.${photo.direction}`),
            kind: t(`ledger.passagePhotoKind.${photo.kind}`, { defaultValue: photo.kind }) });
        return (
          <Space key={`${photo.kind}-${photo.sha256}`} orientation="vertical" size={4}
            className="ledger-photo" data-kind={photo.kind} data-direction={photo.direction}>
            <PassagePhoto sha256={photo.sha256} kind={name} height={THUMB_HEIGHT} />
            <Typography.Text type="secondary">{name}</Typography.Text>
          </Space>
        );
      })}
    </Space>
  );
}
