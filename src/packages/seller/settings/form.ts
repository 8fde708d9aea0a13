// The settings form: the stored settings plus the yuan amounts as the vendor types them.
import type { ShopSettings } from '@core/contracts';
import { fenToYuanText, parseYuanToFen } from '../../../utils/yuan';
import type { FieldErrors } from '../../../utils/field-errors';

export interface SettingsForm {
  settings: ShopSettings;
  expressFee: string;
  /** Empty: never free. */
  freeAbove: string;
  provinceFees: { province: string; fee: string }[];
  localFee: string;
  /** The order rules as typed: whole minutes and days. */
  payWithinMinutes: string;
  autoCompleteDays: string;
}

export function toForm(settings: ShopSettings): SettingsForm {
  const { express, local } = settings.fulfilment;
  return {
    settings,
    expressFee: fenToYuanText(express.feeFen),
    freeAbove: express.freeAboveFen === null ? '' : fenToYuanText(express.freeAboveFen),
    provinceFees: express.provinceFees.map((row) => ({ province: row.province, fee: fenToYuanText(row.feeFen) })),
    localFee: fenToYuanText(local.feeFen),
    payWithinMinutes: String(settings.orders.payWithinMinutes),
    autoCompleteDays: String(settings.orders.autoCompleteDays),
  };
}

const BAD_AMOUNT = '请填写金额，比如 10 或 9.9';

/** The settings to send, or the yuan fields that are not amounts (paths as the server names them). */
export function fromForm(form: SettingsForm): { settings: ShopSettings } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const amount = (text: string, path: string): number => {
    const fen = parseYuanToFen(text.trim() || '0');
    if (fen === null) errors[path] = BAD_AMOUNT;
    return fen ?? 0;
  };
  const feeFen = amount(form.expressFee, 'fulfilment.express.feeFen');
  const freeAboveFen = form.freeAbove.trim() ? amount(form.freeAbove, 'fulfilment.express.freeAboveFen') : null;
  const provinceFees = form.provinceFees.map((row, index) => ({
    province: row.province.trim(),
    feeFen: amount(row.fee, `fulfilment.express.provinceFees.${index}.feeFen`),
  }));
  const localFeeFen = amount(form.localFee, 'fulfilment.local.feeFen');
  const whole = (text: string, path: string): number => {
    const value = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : null;
    if (value === null) errors[path] = '请填写整数，比如 30';
    return value ?? 0;
  };
  const payWithinMinutes = whole(form.payWithinMinutes, 'orders.payWithinMinutes');
  const autoCompleteDays = whole(form.autoCompleteDays, 'orders.autoCompleteDays');
  if (Object.keys(errors).length) return { errors };
  const { settings } = form;
  return {
    settings: {
      ...settings,
      fulfilment: {
        ...settings.fulfilment,
        express: { ...settings.fulfilment.express, feeFen, freeAboveFen, provinceFees },
        local: { ...settings.fulfilment.local, feeFen: localFeeFen },
      },
      orders: { payWithinMinutes, autoCompleteDays },
    },
  };
}
