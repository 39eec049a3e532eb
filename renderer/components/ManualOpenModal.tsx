// The manual open of a lane's barrier: the guard must give a reason (it goes into the audit
// row), and sees at once whether the barrier opened or why it did not.
import { useRef, useState } from 'react';
import { Alert, Button, Input, Modal, Typography, type InputRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { applyBarrierToLanes } from '../api/cache-updates.ts';
import { queryKeys } from '../api/queries.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { barrierDetailText, barrierFailureText } from '../format/barrier-failure-text.ts';

/** The contract's bounds on a manual-open reason. */
const REASON_MIN = 2;
const REASON_MAX = 200;

interface Props {
  lane: LaneView | null;
  onClose(): void;
}

export function ManualOpenModal({ lane, onClose }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const queryClient = useQueryClient();
  const reasonInput = useRef<InputRef>(null);
  const [reason, setReason] = useState('');

  const open = useMutation({
    mutationFn: (input: { laneId: string; reason: string }) => api.call('lanes.manualOpen', input),
    onSuccess: (outcome, input) => {
      if (!outcome.ok) return;
      // The lane shows this command's outcome at once; the barrier event and the refetch agree.
      const change = {
        laneId: input.laneId,
        passageId: null,
        state: outcome.value.opened ? ('opened' as const) : ('failed' as const),
        error: outcome.value.error,
        failure: outcome.value.failure,
        at: Date.now(),
      };
      queryClient.setQueryData<LaneView[]>(queryKeys.lanes, (lanes) =>
        applyBarrierToLanes(lanes, change),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.lanes }),
  });
  const result = open.data;
  const opened = result?.ok === true && result.value.opened;
  const reasonValid = reason.trim().length >= REASON_MIN && reason.trim().length <= REASON_MAX;
  const canConfirm = lane !== null && reasonValid && !open.isPending && !opened;

  const confirm = () => {
    if (!canConfirm) return;
    open.mutate({ laneId: lane.id, reason: reason.trim() });
  };
  const reset = (isOpen: boolean) => {
    if (isOpen) {
      reasonInput.current?.focus();
      return;
    }
    setReason('');
    open.reset();
  };

  const footer = [
    <Button key="cancel" onClick={onClose}>{t('manualOpen.cancel')}</Button>,
    <Button
      key="confirm"
      data-testid="manual-open-confirm"
      type="primary"
      danger
      loading={open.isPending}
      disabled={!canConfirm}
      onClick={confirm}
    >
      {t('manualOpen.confirm')}
    </Button>,
  ];

  const laneName = lane ? pickText(language, lane.name, lane.nameEn) : '';
  return (
    <Modal
      open={lane !== null}
      title={t('manualOpen.title', { lane: laneName })}
      footer={footer}
      onCancel={onClose}
      afterOpenChange={reset}
    >
      <Typography.Paragraph type="secondary">{t('manualOpen.audited')}</Typography.Paragraph>
      <label htmlFor="manual-open-reason">{t('manualOpen.reason')}</label>
      <Input
        id="manual-open-reason"
        ref={reasonInput}
        data-testid="manual-open-reason"
        autoFocus
        maxLength={REASON_MAX}
        placeholder={t('manualOpen.reasonPlaceholder')}
        value={reason}
        status={reason !== '' && !reasonValid ? 'error' : undefined}
        onChange={(event) => setReason(event.target.value)}
        onPressEnter={confirm}
      />
      {reason !== '' && !reasonValid && (
        <Typography.Text type="danger">{t('manualOpen.reasonRule')}</Typography.Text>
      )}

      {result !== undefined && (
        <div data-testid="manual-open-result" className="manual-open-result">
          {!result.ok && <ApiErrorAlert error={result.error} />}
          {result.ok && result.value.opened && (
            <Alert type="success" showIcon title={t('manualOpen.opened')} />
          )}
          {result.ok && !result.value.opened && (
            <Alert
              type="error"
              showIcon
              title={t('manualOpen.failed',
                { reason: barrierFailureText(result.value.failure, t) })}
              description={barrierDetailText(result.value.error, t)}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
