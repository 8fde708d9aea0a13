import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { call, newRequestId } from '../../api/call';
import { ActionForm, type ActionField } from '../action-form';
import { ordersContract, type Reply } from '@core/contracts';
import { formatFen, type Fen } from '@core/money';
import type { ActionInput, OrderAction, OrderActionKey } from '@core/order-actions';
import { fenToYuanText, parseYuanToFen } from '../../utils/yuan';

/**
 * One request id per intended action: made when the action starts (its form opens, its confirm
 * shows) and kept until it succeeds, so a second tap or a retry after a lost reply is the same
 * request to the server, which then does it once.
 */
export function useIntentIds() {
  const ids = useRef(new Map<string, string>());
  return useMemo(
    () => ({
      idFor(key: string): string {
        const known = ids.current.get(key);
        if (known) return known;
        const id = newRequestId();
        ids.current.set(key, id);
        return id;
      },
      succeeded(key: string): void {
        ids.current.delete(key);
      },
    }),
    [],
  );
}

/** What an action sends, read from its form (or fixed by the action itself). */
interface ActionValues {
  amountFen: Fen;
  reason: string;
  note: string;
  tracking: { carrier: string; number: string } | null;
}

type SentAction = Exclude<OrderActionKey, 'pay'>;
type Send = (orderId: string, values: ActionValues, requestId: string) => Promise<Reply<unknown>>;

const complete: Send = (orderId, _values, requestId) => call(ordersContract, 'complete', { orderId }, { requestId });
const requestRefund: Send = (orderId, { amountFen, reason }, requestId) => call(ordersContract, 'requestRefund', { orderId, amountFen, reason }, { requestId });
const refund: Send = (orderId, { amountFen, reason }, requestId) => call(ordersContract, 'refund', { orderId, amountFen, reason }, { requestId });

/** Each action's call; pay is not here: it opens WeChat's pay sheet, which the buyer's page runs. */
const SEND: Record<SentAction, Send> = {
  'mark-transferred': (orderId, { note }, requestId) => call(ordersContract, 'markTransferred', { orderId, note }, { requestId }),
  'confirm-receipt': complete,
  'picked-up': complete,
  'request-refund': requestRefund,
  'cancel-paid-order': requestRefund,
  'cancel-order': (orderId, { reason }, requestId) => call(ordersContract, 'cancel', { orderId, reason }, { requestId }),
  'confirm-transfer': (orderId, _values, requestId) => call(ordersContract, 'confirmTransfer', { orderId }, { requestId }),
  'reject-transfer': (orderId, { reason }, requestId) => call(ordersContract, 'rejectTransfer', { orderId, reason }, { requestId }),
  ship: (orderId, { tracking }, requestId) => call(ordersContract, 'ship', { orderId, tracking }, { requestId }),
  'mark-ready': (orderId, _values, requestId) => call(ordersContract, 'markReady', { orderId }, { requestId }),
  'approve-refund': refund,
  refund,
  'decline-refund': (orderId, { reason }, requestId) => call(ordersContract, 'declineRefund', { orderId, reason }, { requestId }),
};

const isSent = (action: OrderAction): action is OrderAction & { key: SentAction } => action.key !== 'pay';

function fieldOf(input: ActionInput, scan: Props['scan']): ActionField {
  switch (input.key) {
    case 'amount':
      return { key: input.key, label: input.label, type: 'yuan', initial: fenToYuanText(input.initialFen), hint: `最多 ${formatFen(input.maxFen)}` };
    case 'reason':
      return { key: input.key, label: input.label, placeholder: input.placeholder, maxlength: 100 };
    case 'carrier':
      return { key: input.key, label: input.label, options: input.options };
    case 'number':
      return { key: input.key, label: input.label, placeholder: input.placeholder, maxlength: input.maxlength, scan };
    default:
      return { key: input.key, label: input.label, placeholder: input.placeholder, maxlength: input.maxlength };
  }
}

/** The values to send, or what to tell the person when the form is not filled in as the action needs. */
function readValues(action: OrderAction, values: Record<string, string>): ActionValues | string {
  const text = (key: string) => (values[key] ?? '').trim();
  let amountFen = action.amountFen ?? 0;
  let reason = action.reason;
  for (const input of action.inputs) {
    if (input.key === 'amount') {
      const typed = parseYuanToFen(text('amount'));
      if (typed === null || typed < 1) return '请填写退款金额，比如 10 或 9.9';
      amountFen = typed;
    }
    if (input.key === 'reason') {
      reason = text('reason');
      if (!reason && input.required) return input.required;
    }
  }
  const carrier = text('carrier');
  const number = text('number');
  if (!carrier !== !number) return carrier ? '请填写快递单号' : '请选快递公司';
  return { amountFen, reason, note: text('note'), tracking: carrier || number ? { carrier, number } : null };
}

interface Props {
  orderId: string;
  /** From nextActions; pay, if there, is left to the page. */
  actions: readonly OrderAction[];
  /** The page's button class for each style. */
  buttonClass: Record<OrderAction['style'], string>;
  /** Scans a tracking number into the 发货 form (a page that can: the mini-program, with its privacy sheet). */
  scan?: () => Promise<string | null>;
  /** Called as an action is sent, inside the person's tap (e.g. to ask for subscribe messages). */
  onSend?: (action: OrderAction) => void;
  /** After an action went through: the page shows the order again. */
  onDone: () => unknown;
}

/**
 * The buttons for what may happen next to an order. An action with inputs opens its form; one
 * without asks its confirm question first. Each is sent under its own request id (useIntentIds).
 */
export function OrderActions({ orderId, actions, buttonClass, scan, onSend, onDone }: Props) {
  const intents = useIntentIds();
  const [open, setOpen] = useState<OrderActionKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = actions.filter(isSent);

  const send = async (action: OrderAction & { key: SentAction }, values: Record<string, string>) => {
    if (busy) return;
    const read = readValues(action, values);
    if (typeof read === 'string') return setError(read);
    setError(null);
    setBusy(true);
    onSend?.(action);
    const reply = await SEND[action.key](orderId, read, intents.idFor(action.key));
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    intents.succeeded(action.key);
    setOpen(null);
    void Taro.showToast({ title: action.done, icon: 'success' });
    await onDone();
  };

  const start = (action: OrderAction & { key: SentAction }) => {
    setError(null);
    intents.idFor(action.key);
    if (action.inputs.length > 0) return setOpen(action.key);
    if (action.confirm === null) return void send(action, {});
    void Taro.showModal({ title: '请确认', content: action.confirm, confirmText: '确定', cancelText: '再想想' }).then(({ confirm }) => confirm && void send(action, {}));
  };

  const opened = shown.find((action) => action.key === open);
  if (opened) {
    return (
      <ActionForm
        key={opened.key}
        name={opened.key}
        title={opened.label}
        fields={opened.inputs.map((input) => fieldOf(input, scan))}
        confirmText={opened.label}
        danger={opened.style === 'danger'}
        busy={busy}
        error={error}
        onCancel={() => setOpen(null)}
        onSubmit={(values) => void send(opened, values)}
      />
    );
  }
  return (
    <View className='order-actions'>
      {shown.map((action) => (
        <Button key={action.key} className={`${buttonClass[action.style]} order-action order-action-${action.key}`} onClick={() => start(action)}>
          {action.label}
        </Button>
      ))}
      {error && <Text className='inline-error order-action-error'>{error}</Text>}
    </View>
  );
}
