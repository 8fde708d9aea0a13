// Subscribe messages to the buyer after an order change is saved. A buyer who did not subscribe
// (or used up their one-time subscription) makes WeChat refuse the send: that is logged and never
// undoes or fails the change itself.
import cloud from 'wx-server-sdk';
import { groupSucceededNotice, noticesFor, templateIds, TEMPLATE_ENV_NAMES, type Notice, type NoticeKind } from '@core/notify';
import type { OrderDoc, OrderHistoryEntry } from '@core/model';

const ids = templateIds(Object.fromEntries(Object.entries(TEMPLATE_ENV_NAMES).map(([kind, name]) => [kind, process.env[name]])) as Record<NoticeKind, string | undefined>);

async function send(order: OrderDoc, { kind, touser, templateId, page, data }: Notice): Promise<void> {
  try {
    await cloud.openapi.subscribeMessage.send({ touser, templateId, page, data });
  } catch (err) {
    const { errCode, errMsg } = (err ?? {}) as { errCode?: unknown; errMsg?: unknown };
    console.warn(`[orders.notify] ${kind} message for order ${order._id} not sent: ${String(errCode ?? '')} ${String(errMsg ?? err)}`);
  }
}

export async function sendNotices(order: OrderDoc, entries: readonly OrderHistoryEntry[]): Promise<void> {
  await Promise.all(noticesFor(order, entries, ids).map((notice) => send(order, notice)));
}

/** 拼团已成: to a member whose order was just marked succeeded (the caller's write decides it is once). */
export async function sendGroupSucceeded(order: OrderDoc, size: number): Promise<void> {
  await send(order, groupSucceededNotice(order, size, ids));
}
