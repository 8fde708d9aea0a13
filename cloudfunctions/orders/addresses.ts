// A buyer's address book. Addresses belong to the caller's openid only: someone else's id answers
// ADDRESS_NOT_FOUND, the same as one that never existed. One default at most, listed first.
import type { ordersContract, SavedAddress } from '@core/contracts';
import type { AddressDoc } from '@core/model';
import { AppError } from '@core/errors';
import type { ActionImpls } from '../_shared/handler';
import { changedCount, database, list, type Db } from '../_shared/db';
import { newId } from './store';

const ADDRESSES = 'addresses';
export const MAX_ADDRESSES = 20;

const toView = ({ _id, name, phone, province, city, district, detail, isDefault }: AddressDoc): SavedAddress => ({ id: _id, name, phone, province, city, district, detail, isDefault });

async function addressesOf(db: Db, buyerOpenId: string): Promise<AddressDoc[]> {
  // MAX_ADDRESSES is under one get()'s 100 documents.
  return list<AddressDoc>(db.collection(ADDRESSES).where({ buyerOpenId }).orderBy('updatedAt', 'desc').limit(100));
}

export const addressActions: Pick<ActionImpls<typeof ordersContract>, 'listAddresses' | 'saveAddress' | 'deleteAddress'> = {
  async listAddresses(_input, ctx) {
    const rows = await addressesOf(database(), ctx.openid);
    // Stable: the default first, then the most recently used or edited.
    return { addresses: [...rows.filter((row) => row.isDefault), ...rows.filter((row) => !row.isDefault)].map(toView) };
  },

  async saveAddress({ id, isDefault, ...address }, ctx) {
    const db = database();
    const _ = db.command;
    const mine = await addressesOf(db, ctx.openid);
    const now = ctx.clock.now();
    const existing = id === undefined ? undefined : mine.find((row) => row._id === id);
    if (id !== undefined && !existing) throw new AppError('ADDRESS_NOT_FOUND');
    if (!existing && mine.length >= MAX_ADDRESSES) throw new AppError('ADDRESS_LIMIT');
    // The first address is the default whatever was asked: checkout preselects it.
    const makeDefault = isDefault || mine.length === 0 || (existing?.isDefault ?? false);
    const doc: AddressDoc = { _id: existing?._id ?? newId(), buyerOpenId: ctx.openid, ...address, isDefault: makeDefault, createdAt: existing?.createdAt ?? now, updatedAt: now };
    if (existing) {
      const { _id, ...fields } = doc;
      await db.collection(ADDRESSES).doc(_id).set({ data: fields });
    } else {
      await db.collection(ADDRESSES).add({ data: doc });
    }
    if (makeDefault) {
      await db.collection(ADDRESSES).where({ buyerOpenId: ctx.openid, isDefault: true, _id: _.neq(doc._id) }).update({ data: { isDefault: false } });
    }
    return { address: toView(doc) };
  },

  async deleteAddress({ id }, ctx) {
    const db = database();
    const removed = await changedCount(db.collection(ADDRESSES).where({ _id: id, buyerOpenId: ctx.openid }).remove());
    if (removed !== 1) throw new AppError('ADDRESS_NOT_FOUND');
    return {};
  },
};
