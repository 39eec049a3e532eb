// One passage on a lane card: photos first, then the plate in large type, its colour, the
// decision and why, and what the barrier did. A failed barrier command is shown in red.
import { Typography } from 'antd';
import type { PassageView } from '../../electron/api/contract.ts';
import { formatDateTime } from '../format/time.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { PassagePhoto } from './PassagePhoto.tsx';
import { DecisionTag, PassageBarrierTag, PlateColorTag } from './passage-tags.tsx';

/** Thumbnail heights: the newest passage is the one the guard is looking at. */
const LATEST_PHOTO_HEIGHT = 150;
const EARLIER_PHOTO_HEIGHT = 56;

export function PassageItem({ passage, latest }: { passage: PassageView; latest: boolean }) {
  const language = useLanguage();
  const height = latest ? LATEST_PHOTO_HEIGHT : EARLIER_PHOTO_HEIGHT;

  return (
    <div
      data-testid={`passage-${passage.id}`}
      data-plate={passage.plate}
      data-decision={passage.decision}
      data-barrier={passage.barrier}
      className={`passage passage-${passage.decision} ${latest ? 'passage-latest' : ''}`}
    >
      <div className="passage-photos">
        {passage.photos.map((photo) => (
          <PassagePhoto
            key={photo.sha256}
            sha256={photo.sha256}
            kind={photo.kind}
            height={height}
          />
        ))}
      </div>

      <div className="passage-facts">
        <div className="passage-plate-line">
          <span className="plate">{passage.plate}</span>
          <PlateColorTag color={passage.plateColor} />
          <Typography.Text type="secondary">{formatDateTime(passage.capturedAt)}</Typography.Text>
        </div>
        <div>
          <DecisionTag decision={passage.decision} />
          <span className="passage-reason">
            {pickText(language, passage.reasonZh, passage.reasonEn)}
          </span>
        </div>
        <div>
          <PassageBarrierTag barrier={passage.barrier} />
          {passage.barrierError !== null && (
            <Typography.Text type="danger" strong>
              {passage.barrierError}
            </Typography.Text>
          )}
        </div>
      </div>
    </div>
  );
}
