// Overriding a denial at the gate: the guard gives the reason, the approver (a manager or an
// installer) types their own user name and password, and the barrier opens. The passage keeps
// its decision and shows the override flag; refusals come back in the approver's words.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PassageView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { replacePassage } from '../api/cache-updates.ts';
import { queryKeys } from '../api/queries.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { barrierDetailText, barrierFailureText } from '../format/barrier-failure-text.ts';

/** The contract's bounds on an override reason. */
const REASON_MIN = 2;
const REASON_MAX = 200;

interface Props {
  passage: PassageView | null;
  onClose(): void;
}

export function OverrideModal({ passage, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [approver, setApprover] = useState('');
  const [password, setPassword] = useState('');

  const override = useMutation({
    mutationFn: (passageId: string) => api.call('passages.override', { passageId,
      reason: reason.trim(), approverUsername: approver.trim(), approverPassword: password }),
    onSuccess: (outcome) => {
      setPassword('');
      if (!outcome.ok) return;
      const flagged = outcome.value.passage;
      queryClient.setQueryData<PassageView[]>(queryKeys.recent(flagged.laneId), (list) =>
        replacePassage(list, flagged));
    },
  });
  const result = override.data;
  const done = result?.ok === true;
  const reasonValid = reason.trim().length >= REASON_MIN && reason.trim().length <= REASON_MAX;
  const canConfirm = passage !== null && reasonValid && approver.trim() !== '' &&
    password !== '' && !override.isPending && !done;

  const confirm = () => {
    if (canConfirm) override.mutate(passage.id);
  };
  const reset = (isOpen: boolean) => {
    if (isOpen) return;
    setReason('');
    setApprover('');
    setPassword('');
    override.reset();
  };

  const footer = [
    <Button key="cancel" onClick={onClose}>{t('override.cancel')}</Button>,
    <Button key="confirm" data-testid="override-confirm" type="primary" danger
      loading={override.isPending} disabled={!canConfirm} onClick={confirm}>
      {t('override.confirm')}
    </Button>,
  ];

  return (
    <Modal open={passage !== null} title={t('override.title', { plate: passage?.plate ?? '' })}
      footer={footer} onCancel={onClose} afterOpenChange={reset}>
      <Typography.Paragraph type="secondary">{t('override.audited')}</Typography.Paragraph>
      <div className="override-form">
        <label htmlFor="override-reason">{t('override.reason')}</label>
        <Input id="override-reason" data-testid="override-reason" autoFocus maxLength={REASON_MAX}
          placeholder={t('override.reasonPlaceholder')} value={reason}
          status={reason !== '' && !reasonValid ? 'error' : undefined}
          onChange={(event) => setReason(event.target.value)} />
        <label htmlFor="override-approver">{t('override.approver')}</label>
        <Input id="override-approver" data-testid="override-approver" autoComplete="off"
          value={approver} onChange={(event) => setApprover(event.target.value)} />
        <label htmlFor="override-password">{t('override.password')}</label>
        <Input.Password id="override-password" data-testid="override-password"
          autoComplete="new-password" value={password} onPressEnter={confirm}
          onChange={(event) => setPassword(event.target.value)} />
        <Typography.Text type="secondary">{t('override.approverRule')}</Typography.Text>
      </div>

      {result !== undefined && (
        <div data-testid="override-result" className="override-result">
          {!result.ok && <ApiErrorAlert error={result.error} />}
          {result.ok && result.value.opened && (
            <Alert type="success" showIcon title={t('override.opened')} />
          )}
          {result.ok && !result.value.opened && (
            <Alert type="warning" showIcon
              title={t('override.notOpened',
                { reason: barrierFailureText(result.value.failure, t) })}
              description={barrierDetailText(result.value.error, t)} />
          )}
        </div>
      )}
    </Modal>
  );
}
