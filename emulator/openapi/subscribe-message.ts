/**
 * subscribeMessage.send: validated the way WeChat does where that is cheap, then recorded.
 * Rules for data values follow WeChat's "订阅消息参数值内容限制" table; the keyword type is the
 * data key without its trailing number (`thing2` → thing). Types whose format is fiddly and
 * rarely wrong (time, date, enum) are accepted as they come.
 */
import { WxApiError } from './errors';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
}

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

/** Characters as WeChat counts them: one per code point, a Chinese character is one. */
const length = (s: string): number => Array.from(s).length;
const HAN = /\p{Script=Han}/u;

const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => length(v) <= 20,
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  amount: (v) => /^[^\d\s.]?\d{1,10}(\.\d+)?元?$/u.test(v),
  phone_number: (v) => /^[^\p{L}]{1,17}$/u.test(v),
  car_number: (v) => length(v) <= 8,
  name: (v) => length(v) <= (HAN.test(v) ? 10 : 20),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

/** Checks the snake_case parameters the SDK sent and returns the message in camelCase. */
export function validateSubscribeMessage(params: Record<string, unknown>): SubscribeMessage {
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = params;
  if (typeof touser !== 'string' || touser === '') throw new WxApiError(40003, 'invalid openid');
  if (typeof templateId !== 'string' || templateId === '') throw new WxApiError(40037, 'invalid template_id');
  if (page !== undefined && typeof page !== 'string') throw new WxApiError(47003, 'argument invalid! page invalid');
  // The codes for a bad miniprogram_state/lang are not documented; 47003 is WeChat's code for bad arguments here.
  if (state !== undefined && !MINIPROGRAM_STATES.includes(state as string)) {
    throw new WxApiError(47003, 'argument invalid! miniprogram_state invalid');
  }
  if (lang !== undefined && !LANGS.includes(lang as string)) throw new WxApiError(47003, 'argument invalid! lang invalid');
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0) {
    throw new WxApiError(47003, 'argument invalid! data is empty');
  }

  const checked: Record<string, { value: string }> = {};
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    const value = (item as { value?: unknown } | null)?.value;
    if (value === undefined || value === null || value === '') {
      throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`);
    }
    // WeChat documents every value as a string; a number here is a bug in our own code.
    const rule = VALUE_RULES[key.replace(/\d+$/, '')];
    if (typeof value !== 'string' || (rule && !rule(value))) {
      throw new WxApiError(47003, `argument invalid! data.${key}.value invalid`);
    }
    checked[key] = { value };
  }

  return {
    touser,
    templateId,
    data: checked,
    ...(page !== undefined && { page }),
    ...(state !== undefined && { miniprogramState: state as string }),
    ...(lang !== undefined && { lang: lang as string }),
  };
}
