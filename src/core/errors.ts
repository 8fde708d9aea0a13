// Stable error codes with the plain Chinese message a user sees. Codes never change meaning;
// add new ones instead.

export const ERROR_MESSAGES = {
  UNKNOWN_ACTION: '不支持这个操作，请更新小程序后再试',
  VALIDATION_FAILED: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录微信后再试',
  FORBIDDEN: '你没有权限做这个操作',
  NOT_FOUND: '没有找到要找的内容',
  SHOP_NOT_FOUND: '这家小店不存在或已关闭',
  PRODUCT_NOT_FOUND: '这件商品不存在或已下架',
  NOT_A_MEMBER: '你不是这家店的成员',
  SHOP_LIMIT: '一个微信最多开 5 家店',
  INVITE_INVALID: '邀请已过期或已失效，请让店主重新邀请',
  ALREADY_MEMBER: '你已经是这家店的成员了',
  CANNOT_REMOVE_OWNER: '店主不能被移出小店',
  CONTENT_REJECTED: '商品文字里有不允许发布的内容，请修改后再发布',
  PRODUCT_INCOMPLETE: '商品信息还不完整，请补充后再发布',
  SHARE_CODE_NOT_FOUND: '这个分享链接已失效',
  TIMEOUT: '网络有点慢，请稍后再试',
  INTERNAL: '系统开小差了，请稍后再试',
  SKU_NOT_FOUND: '这个规格已经没有了，请重新选择',
  OUT_OF_STOCK: '库存不够了，请少买一些或换个规格',
  QUANTITY_NOT_ALLOWED: '购买数量不符合要求，请按起订量和每份数量购买',
  FULFILMENT_NOT_OFFERED: '这家店不提供这种收货方式，请换一种',
  PICKUP_POINT_UNKNOWN: '这个自提点已经没有了，请重新选择',
  PAYMENT_NOT_OFFERED: '这家店暂不支持这种付款方式，请换一种',
  PRICE_CHANGED: '商品价格有变化，请看一下新的金额再下单',
  ORDER_NOT_FOUND: '没有找到这个订单',
  ORDER_STATE_CONFLICT: '订单状态已经变了，请刷新后再试',
  REFUND_TOO_LARGE: '退款金额不能超过已付的钱',
  REASON_REQUIRED: '请填写原因',
  PAYMENT_AMOUNT_MISMATCH: '付款金额和订单金额对不上，请联系店主',
  PAYMENT_FAILED: '微信支付暂时用不了，请稍后再试，或换成转账付款',
  ADDRESS_NOT_FOUND: '这个地址已经删除了，请重新选择',
  ADDRESS_LIMIT: '最多保存 20 个地址，请先删掉不用的',
  CAMPAIGN_NOT_FOUND: '没有找到这个团，可能已经删除了',
  CAMPAIGN_NOT_STARTED: '还没开团，请到开团时间再来',
  CAMPAIGN_ENDED: '这个团已经截团了',
  CAMPAIGN_STATE_CONFLICT: '团的状态已经变了，请刷新后再试',
  CAMPAIGN_INCOMPLETE: '团的信息还不完整，请补充后再开团',
  CAMPAIGN_TIME_INVALID: '截团时间要晚于开团时间',
  CAMPAIGN_END_PASSED: '截团时间已经过了，请重新选择',
  CAMPAIGN_TIERS_INVALID: '阶梯价要买得越多越便宜：数量一档比一档多，价格一档比一档低',
  CAMPAIGN_ITEM_DUPLICATE: '同一个规格在一个团里只能出现一次',
  CAMPAIGN_CAP_ABOVE_STOCK: '团购限量不能超过商品库存',
  CAMPAIGN_FULFILMENT_INVALID: '请从小店已开通的收货方式里选择',
  CAMPAIGN_ITEM_LOCKED: '已经开团了，团里的商品和价格不能再改',
  CAMPAIGN_ITEM_NOT_FOUND: '这件商品不在这个团里',
  CAMPAIGN_LIMIT_EXCEEDED: '超过每人限购的数量了',
  CAMPAIGN_SOLD_OUT: '这个团里的这件商品已经抢光了',
  CAMPAIGN_DIFFERENCE_NOT_DUE: '这笔订单没有待退的差价',
  GROUP_OFFER_NOT_FOUND: '这件商品现在没有拼团',
  GROUP_OFFER_NOT_OPEN: '拼团还没开始或已经结束了',
  GROUP_NEEDS_WECHAT_PAY: '拼团要先开通微信支付：没成团时才能自动把钱退回去',
  GROUP_PRICE_TOO_HIGH: '拼团价不能高于单独购买的价格',
  GROUP_LEADER_PRICE_TOO_HIGH: '团长价不能高于拼团价',
  GROUP_OFFER_TIME_INVALID: '拼团结束时间要晚于开始时间',
  GROUP_NOT_FOUND: '没有找到这个团，可能已经结束了',
  GROUP_FULL: '这个团的人已经够了，可以自己发起一个新团',
  GROUP_ENDED: '这个团已经结束了，可以自己发起一个新团',
  GROUP_ALREADY_JOINED: '你已经在这个团里了',
  GROUP_LIMIT_EXCEEDED: '你参加这个拼团的团数已经到上限了，等团结束后再来',
  GROUP_ONE_PRODUCT: '拼团一次只能买这一件商品，请单独下单',
  GROUP_NOT_SUCCEEDED: '这个团还没拼成，拼成后才能发货',
  CUSTOMER_NOT_FOUND: '没有找到这位客人，可能还没在店里买过东西',
  PICKUP_CODE_WRONG: '取货码不对，请让买家再看一下订单里的取货码',
  PICKUP_ALREADY_DONE: '这笔订单已经取过货了，不用再核销',
  PICKUP_CODE_NOT_READY: '这笔订单还不能取货（还没付款，或在退款中）',
  PICKUP_TOO_MANY_TRIES: '取货码输错太多次了，请等一分钟再试',
  PICKUP_ALREADY_REMINDED: '这笔订单已经提醒过了，每笔订单只能提醒一次',
  NOT_A_PICKUP_ORDER: '这笔订单不是到店自提',
  LIVE_SHOW_NOT_FOUND: '没有找到这场直播，可能已经取消了',
  LIVE_STATE_CONFLICT: '直播的状态已经变了，请刷新后再试',
  LIVE_NOT_ASSIGNED: '你不是这场直播的主播，不能操作',
  LIVE_TIME_INVALID: '开播时间已经过了，请重新选择',
  LIVE_ITEM_DUPLICATE: '同一个规格在一场直播里只能放一次',
  LIVE_ITEM_NOT_FOUND: '这件商品不在这场直播里',
  LIVE_ITEM_UNCAPPED: '这件商品没有设直播限量，不用补库存',
  LIVE_STREAMER_INVALID: '主播要先加入小店（店员或主播）',
  LIVE_CHANNELS_MISSING: '请先在直播设置里填写小店的视频号 ID',
  LIVE_LIMIT_EXCEEDED: '超过这场直播每人限购的数量了',
  LIVE_SOLD_OUT: '直播价的名额已经抢光了，可以等主播补库存',
  SHEET_INVALID: '这个文件打不开，请上传从这里导出的 Excel 发货单（.xlsx）',
  SHEET_TOO_LARGE: '表格太大了：一次最多导入 10 MB、5000 行，请分几次导入',
  SHEET_COLUMNS_MISSING: '表格里找不到“订单号”“快递公司”“快递单号”这几列，请用导出的发货单填写',
  SHEET_CARRIER_MISSING: '表格里没有“快递公司”这一列，请先在页面上选好快递公司再导入',
  SHEET_NOT_YOURS: '只能导入你自己刚上传的表格，请重新选择文件上传',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Which fields are wrong, as dotted paths (VALIDATION_FAILED, PRODUCT_INCOMPLETE, CONTENT_REJECTED). */
  fields?: { path: string; message: string }[];
}

/** A business error that handlers throw; the handler factory turns it into a reply. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: ErrorBody['fields'];
  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code], fields?: ErrorBody['fields']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
  toBody(): ErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
