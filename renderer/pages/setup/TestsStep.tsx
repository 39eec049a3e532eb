// Step 6: the saved site, tried device by device. Per lane: the camera's snapshot and its live
// sub-stream, a simulated plate push from this PC to our own listener, a barrier pulse and a line
// of text on the lane display; then the platform.
import { useState } from 'react';
import { Alert, Button, Card, Image, Input, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallOutput, SiteView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';
import { LiveVideo } from '../../components/LiveVideo.tsx';
import { barrierDetailText, barrierFailureText } from '../../format/barrier-failure-text.ts';
import { pickText, useLanguage } from '../../i18n/use-language.ts';

type Outcome = Pick<CallOutput<'setup.testPlatform'>, 'ok' | 'detail' | 'say'> | null;

export function TestsStep({ site, lprPort }: { site: SiteView; lprPort: number | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [platform, setPlatform] = useState<Outcome>(null);

  const testPlatform = async () => {
    const r = await api.call('setup.testPlatform', {});
    setPlatform(r.ok ? r.value : { ok: false, detail: r.error.message });
  };

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      {site.lanes.map((lane, i) => (
        <LaneTests key={lane.id} index={i} lane={lane} lprPort={lprPort}
          camera={site.cameras.find((c) => c.id === lane.cameraId)} />
      ))}
      <Card size="small" title={t('wizard.tests.platform')}>
        <Button data-testid="wizard-test-platform" onClick={() => void testPlatform()}>
          {t('wizard.tests.connect')}
        </Button>
        <Result testId="wizard-test-platform-result" outcome={platform} />
      </Card>
    </Space>
  );
}

function LaneTests({ index, lane, camera, lprPort }: {
  index: number; lane: SiteView['lanes'][number]; camera?: SiteView['cameras'][number];
  lprPort: number | null;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [plate, setPlate] = useState('豫A12345');
  const [push, setPush] = useState<Outcome>(null);
  const [barrier, setBarrier] = useState<Outcome>(null);
  const [text, setText] = useState(() => t('wizard.tests.displayText'));
  const [display, setDisplay] = useState<Outcome>(null);
  const [picture, setPicture] = useState<CallOutput<'setup.snapshot'> | null>(null);
  const [pictureError, setPictureError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  const snapshot = async () => {
    if (!camera?.onvif) return;
    const r = await api.call('setup.snapshot', { url: camera.onvif.url,
      username: camera.onvif.username, cameraId: camera.id });
    setPicture(r.ok ? r.value : null);
    setPictureError(r.ok ? null : r.error.message);
  };

  const testPush = async () => {
    const r = await api.call('setup.testPush', { cameraId: lane.cameraId, plate });
    setPush(r.ok ? r.value : { ok: false, detail: r.error.message });
  };
  const pulse = async () => {
    const r = await api.call('devices.testBarrier', { laneId: lane.id });
    if (!r.ok) return setBarrier({ ok: false, detail: r.error.message });
    const why = [barrierFailureText(r.value.failure, t), barrierDetailText(r.value.error, t)];
    setBarrier({ ok: r.value.opened,
      detail: r.value.opened ? t('wizard.tests.opened') : why.filter(Boolean).join(' ') });
  };

  const show = async () => {
    const r = await api.call('devices.testDisplay', { laneId: lane.id, text });
    setDisplay(r.ok ? { ok: r.value.shown, detail: r.value.error ?? text }
      : { ok: false, detail: r.error.message });
  };

  return (
    <Card size="small" data-testid={`wizard-test-lane-${index}`} title={lane.name}>
      {camera && lprPort !== null && (
        <Typography.Paragraph copyable data-testid={`wizard-test-lane-${index}-push-url`}>
          {`http://<${t('wizard.tests.thisPc')}>:${lprPort}/lpr/${camera.vendor}/${camera.id}`}
        </Typography.Paragraph>
      )}
      <Space wrap>
        <Button data-testid={`wizard-test-lane-${index}-snapshot`} disabled={!camera?.onvif}
          onClick={() => void snapshot()}>{t('wizard.cameras.snapshot')}</Button>
        <Switch checked={live} onChange={setLive} disabled={!camera?.onvif}
          checkedChildren={t('wizard.tests.preview')}
          unCheckedChildren={t('wizard.tests.preview')} />
        <Input value={plate} onChange={(e) => setPlate(e.target.value)} className="plate-input"
          data-testid={`wizard-test-lane-${index}-plate`} />
        <Button data-testid={`wizard-test-lane-${index}-push`} onClick={() => void testPush()}>
          {t('wizard.tests.push')}
        </Button>
        <Button data-testid={`wizard-test-lane-${index}-barrier`} onClick={() => void pulse()}>
          {t('wizard.tests.barrier')}
        </Button>
        <Input value={text} onChange={(e) => setText(e.target.value)} maxLength={32}
          data-testid={`wizard-test-lane-${index}-display-text`} className="plate-input" />
        <Button data-testid={`wizard-test-lane-${index}-display`} onClick={() => void show()}>
          {t('wizard.tests.display')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('wizard.tests.pushNote')}</Typography.Text>
      <Result testId={`wizard-test-lane-${index}-push-result`} outcome={push} />
      <Result testId={`wizard-test-lane-${index}-barrier-result`} outcome={barrier} />
      <Result testId={`wizard-test-lane-${index}-display-result`} outcome={display} />
      {pictureError && <Alert type="error" showIcon title={pictureError} />}
      {picture && <Image src={`data:${picture.mime};base64,${picture.base64}`} width={320}
        data-testid={`wizard-test-lane-${index}-picture`} />}
      {live && camera && <div className="wizard-live-preview"><LiveVideo cameraId={camera.id} />
      </div>}
    </Card>
  );
}

function Result({ testId, outcome }: { testId: string; outcome: Outcome }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!outcome) return null;

  // A test push's rule reason comes in both languages: the page shows its reader's.
  const values = outcome.say?.values ?? {};
  const reason = pickText(language, values.reasonZh ?? '', values.reasonEn ?? '');
  return (
    <Alert data-testid={testId} type={outcome.ok ? 'success' : 'error'} showIcon
      title={outcome.ok ? t('wizard.tests.passed') : t('wizard.tests.failed')}
      description={outcome.say
        ? t(`wizard.tests.say.${outcome.say.key}`, { ...values, reason }) : outcome.detail} />
  );
}
