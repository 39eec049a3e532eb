// How a passage's and a lane's codes look: plate colour as the plate's own colour, decision as
// green (allow) or red (deny), barrier outcomes with failures in red.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LaneView, PassageView } from '../../electron/api/contract.ts';

/** Background and text of each plate colour, as painted on Chinese plates. */
const PLATE_COLOURS: Record<string, { background: string; color: string; border?: string }> = {
  blue: { background: '#0d47a1', color: '#fff' },
  yellow: { background: '#fadb14', color: '#000' },
  white: { background: '#fff', color: '#000', border: '#8c8c8c' },
  black: { background: '#000', color: '#fff' },
  green: { background: 'linear-gradient(#f6ffed, #52c41a)', color: '#000' },
  yellowGreen: { background: 'linear-gradient(90deg, #fadb14 30%, #52c41a 30%)', color: '#000' },
};

export function PlateColorTag({ color }: { color: string }) {
  const { t } = useTranslation();
  const paint = PLATE_COLOURS[color];
  const style = paint && {
    background: paint.background,
    color: paint.color,
    borderColor: paint.border ?? 'transparent',
  };
  return <Tag style={style}>{t(`plateColor.${color}`, { defaultValue: color })}</Tag>;
}

const DECISION_COLOURS: Record<PassageView['decision'], string> = {
  allow: 'green',
  'allow-with-exemption': 'green',
  deny: 'red',
};

export function DecisionTag({ decision }: { decision: PassageView['decision'] }) {
  const { t } = useTranslation();
  return <Tag color={DECISION_COLOURS[decision]}>{t(`decision.${decision}`)}</Tag>;
}

const BARRIER_COLOURS: Record<PassageView['barrier'], string> = {
  pending: 'processing',
  opened: 'green',
  failed: 'red',
  'not-commanded': 'default',
  'camera-reply': 'green',
};

export function PassageBarrierTag({ barrier }: { barrier: PassageView['barrier'] }) {
  const { t } = useTranslation();
  return <Tag color={BARRIER_COLOURS[barrier]}>{t(`barrier.${barrier}`)}</Tag>;
}

const LANE_BARRIER_COLOURS: Record<LaneView['barrierState'], string> = {
  idle: 'green',
  opening: 'processing',
  error: 'red',
};

export function LaneBarrierTag({ state }: { state: LaneView['barrierState'] }) {
  const { t } = useTranslation();
  return <Tag color={LANE_BARRIER_COLOURS[state]}>{t(`laneBarrier.${state}`)}</Tag>;
}

const CONTROL_STATE_COLOURS: Record<string, string> = {
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

export function ControlStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={CONTROL_STATE_COLOURS[state] ?? 'default'}>
      {t(`controlState.${state}`, { defaultValue: state })}
    </Tag>
  );
}
