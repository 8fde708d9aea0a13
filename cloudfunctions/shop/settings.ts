// A shop's settings: owner and staff read them; only the owner changes them.
import type { shopContract, ShopSettings } from '@core/contracts';
import { AppError } from '@core/errors';
import { orderRulesOf, settingsProblems } from '@core/shops';
import type { ShopDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database } from '../_shared/db';

/** The settings part of a stored shop, without its bookkeeping fields. */
function settingsOf(shop: ShopDoc): ShopSettings {
  const { name, intro, avatar, contact, payment, fulfilment } = shop;
  return { name, intro, avatar, contact, payment, fulfilment, orders: orderRulesOf(shop) };
}

export const settingsActions: Pick<ActionImpls<typeof shopContract>, 'getSettings' | 'updateSettings'> = {
  async getSettings({ shopId }, ctx) {
    const { shop, member } = await requirePermission(database(), shopId, ctx.openid, 'viewSettings');
    return { settings: settingsOf(shop), role: member.role };
  },

  async updateSettings({ shopId, settings }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageShop');
    const problems = settingsProblems(settings);
    if (problems.length) {
      const fields = problems.map(({ path, message }) => ({ path: `settings.${path}`, message }));
      throw new AppError('VALIDATION_FAILED', undefined, fields);
    }
    const _ = db.command;
    // _.set replaces each part whole; a plain object would be merged field by field by the SDK.
    await db
      .collection('shops')
      .doc(shopId)
      .update({
        data: {
          name: settings.name,
          intro: settings.intro,
          avatar: settings.avatar,
          contact: _.set(settings.contact),
          payment: _.set(settings.payment),
          fulfilment: _.set(settings.fulfilment),
          orders: _.set(settings.orders),
          updatedAt: ctx.clock.now(),
        },
      });
    return { settings };
  },
};
