// The workspace's reading actions: the to-ship list with counts, the 备货单, and the 发货单 export
// (written to cloud storage and answered as its fileID and a temporary URL).
import cloud from 'wx-server-sdk';
import { SELECTION_MAX, type shippingContract } from '@core/contracts';
import { formatShanghai } from '@core/dates';
import { countsOf, prepListOf, sheetRowsOf, workspaceOrderOf } from '@core/shipping-workspace';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database } from '../_shared/db';
import { randomCode } from '../_shared/codes';
import { ORDER_PERMISSION } from '../orders/store';
import { loadSelection } from './select';
import { writeSheet } from './sheet';

export const workspaceActions: Pick<ActionImpls<typeof shippingContract>, 'workspace' | 'prepList' | 'exportSheet'> = {
  async workspace({ shopId, filter, limit }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    const orders = await loadSelection(db, shopId, filter);
    const truncated = orders.length > SELECTION_MAX;
    const kept = orders.slice(0, SELECTION_MAX);
    return { orders: kept.slice(0, limit).map(workspaceOrderOf), counts: countsOf(kept), truncated };
  },

  async prepList({ shopId, filter, orderIds }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    return prepListOf((await loadSelection(db, shopId, filter, orderIds)).slice(0, SELECTION_MAX));
  },

  async exportSheet({ shopId, filter, orderIds }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    const orders = (await loadSelection(db, shopId, filter, orderIds)).slice(0, SELECTION_MAX);
    const rows = sheetRowsOf(orders);
    const bytes = await writeSheet(rows);
    const now = ctx.clock.now();
    const cloudPath = `exports/${shopId}/shipping-${formatShanghai(now, 'YYYYMMDD-HHmm')}-${randomCode(6)}.xlsx`;
    const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string };
    const { fileList } = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: { tempFileURL: string }[] };
    return { fileID, url: fileList[0]?.tempFileURL ?? '', orderCount: orders.length, rows: rows.length };
  },
};
