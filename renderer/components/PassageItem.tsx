// One passage on a lane card: photos first, then the plate in large type, its colour, the
// decision and why, and what the barrier did. A failed barrier command is shown in red. A denial
// offers the override; an overridden denial carries its flag (who approved it, and why).
import { Button, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PassageView } from '../../electron/api/contract.ts';
import { formatDateTime } from '../format/time.ts';
import { barrierFailureText } from '../format/barrier-failure-text.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { PassagePhoto } from './PassagePhoto.tsx';
import { DecisionTag, PassageBarrierTag, PlateColorTag } from './passage-tags.tsx';

/** Thumbnail heights: the newest passage is the one the guard is looking at. */
const LATEST_PHOTO_HEIGHT = 150;
const EARLIER_PHOTO_HEIGHT = 56;

interface Props {
  passage: PassageView;
  latest: boolean;
  /** Set when the user may override a denial. */
  onOverride?: (passage: PassageView) => void;
}

export function PassageItem({ passage, latest, onOverride }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const overridable = passage.decision === 'deny' && passage.override === null && onOverride;
  const height = latest ? LATEST_PHOTO_HEIGHT : EARLIER_PHOTO_HEIGHT;

  return (
    <div
      data-testid={`passage-${passage.id}`}
      data-plate={passage.plate}
      data-decision={passage.decision}
      data-barrier={passage.barrier}
      data-override={passage.override !== null}
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
        {passage.override !== null && (
          <div data-testid={`override-flag-${passage.id}`} className="passage-override">
            <Tag color="purple">{t('override.flag')}</Tag>
            {t('override.flagDetail', { approver: passage.override.approver,
              reason: passage.override.reason })}
          </div>
        )}
        {overridable && (
          <div>
            <Button size="small" data-testid={`override-${passage.id}`}
              onClick={(event) => {
                event.stopPropagation();
                onOverride(passage);
              }}>
              {t('override.action')}
            </Button>
          </div>
        )}
        <div>
          <PassageBarrierTag barrier={passage.barrier} />
          {passage.barrier === 'failed' && (
            <Typography.Text type="danger" strong
              title={passage.barrierError ?? undefined}>
              {barrierFailureText(passage.barrierFailure, t)}
            </Typography.Text>
          )}
        </div>
      </div>
    </div>
  );
}
