// A camera's day as one bar: green where footage exists, red where it is missing with the cause
// (hover for it), hours underneath. Clicking the bar picks that moment of the day.
import type { MouseEvent } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../electron/api/contract.ts';
import { formatDateTime } from '../format/time.ts';
import '../video/video.css';

type Day = CallOutput<'playback.day'>;

const HOUR_MARKS = [0, 3, 6, 9, 12, 15, 18, 21, 24];

export function DayTimeline({ day, onPick }: { day: Day; onPick(at: number): void }) {
  const { t } = useTranslation();
  const length = day.to - day.from;
  const left = (at: number) => `${(100 * (Math.max(at, day.from) - day.from)) / length}%`;
  const width = (from: number, to: number) =>
    `${(100 * (Math.min(to, day.to) - Math.max(from, day.from))) / length}%`;

  const pick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const share = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    onPick(Math.round(day.from + share * length));
  };

  return (
    <div>
      <div className="day-timeline" data-testid="day-timeline" onClick={pick}>
        {day.segments.map((s) => (
          <div key={s.startAt} className="day-timeline-segment"
            style={{ left: left(s.startAt), width: width(s.startAt, s.endAt) }} />
        ))}
        {day.gaps.map((g) => (
          <Tooltip key={g.fromAt} title={`${t(`playback.gapCause.${g.cause}`)} · ` +
            `${formatDateTime(g.fromAt)} – ${g.toAt ? formatDateTime(g.toAt) : t('playback.now')}`
            + (g.detail ? ` · ${g.detail}` : '')}>
            <div className="day-timeline-gap" data-testid="day-timeline-gap" data-cause={g.cause}
              style={{ left: left(g.fromAt), width: width(g.fromAt, g.toAt ?? Date.now()) }} />
          </Tooltip>
        ))}
      </div>
      <div className="day-timeline-hours">
        {HOUR_MARKS.map((h) => <span key={h}>{String(h).padStart(2, '0')}:00</span>)}
      </div>
    </div>
  );
}
