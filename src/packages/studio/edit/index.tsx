import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { Field } from '../../../components/field';
import { useIntentIds } from '../../../components/order';
import { ProductPicker } from '../../../components/product-picker';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { goodsContract, liveContract, shopContract, type LiveShowVendorView, type Reply, type VendorProductRow } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { deadlineText } from '@core/campaign-text';
import { routes } from '@core/routes';
import { ROLE_NAMES } from '@core/shops';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { dateOf } from '../../../utils/shanghai-time';
import { useRoute } from '../../../utils/use-route';
import { LIVE_STATE_NAMES } from '../live-badge';
import { emptyForm, fromForm, newItem, toForm, type LiveShowForm } from './form';
import { LiveItemEditor } from './item-editor';
import '../../../components/page.css';
import './index.css';

interface Candidate {
  openid: string;
  name: string;
  role: 'owner' | 'staff' | 'streamer';
}

interface Loaded {
  products: VendorProductRow[];
  /** Who may be picked as a streamer: the shop's staff and streamers (only the owner can list members). */
  candidates: Candidate[];
  membersListed: boolean;
}

const PRODUCT_NOTES: Record<VendorProductRow['status'], string> = { on_sale: '', sold_out: '（售完）', draft: '（草稿，要先上架）', off_shelf: '（已下架，要先上架）' };

/** Refusals that belong to one field rather than the whole form. */
const CODE_FIELDS: Partial<Record<ErrorBody['code'], string>> = { LIVE_TIME_INVALID: 'startAt', LIVE_STREAMER_INVALID: 'streamerOpenIds' };

/**
 * The show editor (owner, staff): title, start time, streamers, and the items with their live
 * price, per-buyer limit and live cap. Items and prices may change until the show ends; the
 * start time only before it begins. A scheduled show can be called off here.
 */
export default function LiveEditorPage() {
  const route = useRoute('liveEditor');
  const shopId = route?.shopId ?? '';
  const showId = route?.showId;
  const [view, setView] = useState<LiveShowVendorView | null>(null);
  const [form, setForm] = useState<LiveShowForm>(() => emptyForm(Date.now()));
  const { state, load, retry } = useRemote<Loaded>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const intents = useIntentIds();

  useLoad(() => {
    if (!route) return;
    void load(async (): Promise<Reply<Loaded>> => {
      const [goods, members, opened] = await Promise.all([
        call(goodsContract, 'listShopProducts', { shopId }),
        call(shopContract, 'listMembers', { shopId }),
        showId ? call(liveContract, 'vendorShow', { showId }) : Promise.resolve(null),
      ]);
      if (!goods.ok) return goods;
      if (opened && !opened.ok) return opened;
      if (opened) {
        setView(opened.data.show);
        setForm(toForm(opened.data.show));
      }
      const listed = members.ok ? members.data.members.filter((member) => member.role !== 'owner') : null;
      const known = opened ? opened.data.show.streamers.map((streamer) => ({ ...streamer, role: 'streamer' as const })) : [];
      return { ok: true, data: { products: goods.data.products, candidates: listed ?? known, membersListed: listed !== null } };
    });
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const { products, candidates, membersListed } = state.data;
  const showState = view?.state ?? 'scheduled';
  const closed = showState === 'ended' || showState === 'cancelled';
  const startLocked = showState !== 'scheduled';
  const set = (change: Partial<LiveShowForm>) => setForm({ ...form, ...change });
  const now = Date.now();

  const addProduct = (product: VendorProductRow) => {
    const item = newItem(product, form.items);
    if (!item) return void Taro.showToast({ title: '这件商品的规格都已经在直播里了', icon: 'none' });
    set({ items: [...form.items, item] });
    setPicking(false);
  };
  const toggleStreamer = (openid: string) => {
    const on = form.streamerOpenIds.includes(openid);
    if (!on && form.streamerOpenIds.length >= 5) return void Taro.showToast({ title: '一场最多 5 位主播', icon: 'none' });
    set({ streamerOpenIds: on ? form.streamerOpenIds.filter((x) => x !== openid) : [...form.streamerOpenIds, openid] });
  };

  const refuse = (error: ErrorBody) => {
    const found = fieldErrors(error, 'show.');
    const field = CODE_FIELDS[error.code];
    if (field && !Object.keys(found).length) found[field] = error.message;
    setErrors(found);
    setProblem(error.code === 'VALIDATION_FAILED' ? { ...error, message: '有几项没填对，请看红字' } : error);
  };

  const save = async () => {
    if (busy) return;
    setProblem(null);
    const parsed = fromForm(form);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      setProblem({ code: 'VALIDATION_FAILED', message: '有几项没填对，请看红字' });
      return;
    }
    // Once on air the start stays what it was.
    const show = view && startLocked ? { ...parsed.show, startAt: view.startAt } : parsed.show;
    setBusy(true);
    const saved = view
      ? await call(liveContract, 'updateShow', { showId: view.id, show, expectedUpdatedAt: view.updatedAt })
      : await call(liveContract, 'createShow', { shopId, show }, { requestId: intents.idFor('create') });
    setBusy(false);
    if (!saved.ok) return refuse(saved.error);
    intents.succeeded('create');
    setErrors({});
    if (view) {
      setView(saved.data.show);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
      return;
    }
    void Taro.showToast({ title: '直播排好了，发预告吧', icon: 'none' });
    setTimeout(() => void Taro.redirectTo({ url: routes.liveDashboard({ showId: saved.data.show.id }) }), 800);
  };

  const cancel = async () => {
    if (!view) return;
    const { confirm } = await Taro.showModal({ title: '取消直播', content: `确定取消“${view.title}”吗？取消后不能恢复。`, confirmText: '取消直播', confirmColor: '#c62f14', cancelText: '不取消' });
    if (!confirm) return;
    const reply = await call(liveContract, 'cancelShow', { showId: view.id });
    if (!reply.ok) return setProblem(reply.error);
    setView(reply.data.show);
    void Taro.showToast({ title: '已取消', icon: 'success' });
  };

  return (
    <View className='app-page live-editor'>
      {view && (
        <Text className='form-saved live-editor-status'>
          {LIVE_STATE_NAMES[showState]}
          {showState === 'live' ? '：正在直播，改商品和价格马上生效，开播时间不能改了' : ''}
          {closed ? '：不能再改了' : ''}
        </Text>
      )}

      <View className='card'>
        <Field name='studio-title' label='直播标题' error={errorAt(errors, 'title')}>
          <Input className='text-input studio-title-input' maxlength={40} disabled={closed} placeholder='比如：长白山林下参专场' value={form.title} onInput={(e) => set({ title: e.detail.value })} />
        </Field>
        {startLocked && view ? (
          <Text className='note live-start-fixed'>开播时间：{deadlineText(view.startAt, now)}</Text>
        ) : (
          <Field name='live-start' label='开播时间' hint='买家看到预告和这个时间' error={errorAt(errors, 'startAt')}>
            <View className='row-inputs'>
              <Picker mode='date' value={form.startDate} start={dateOf(now)} onChange={(e) => set({ startDate: String(e.detail.value) })}>
                <View className='text-input time-picker live-start-date'>{form.startDate}</View>
              </Picker>
              <Picker mode='time' value={form.startTime} onChange={(e) => set({ startTime: String(e.detail.value) })}>
                <View className='text-input time-picker live-start-time'>{form.startTime}</View>
              </Picker>
            </View>
          </Field>
        )}
      </View>

      <View className='card live-streamers'>
        <Text className='card-title'>主播</Text>
        <Field name='live-streamers' label='谁来播（可多选）' hint='选中的人能开播、讲解、下播；店主和店员本来就能' error={errorAt(errors, 'streamerOpenIds')}>
          <View className='choice-row'>
            {candidates.map((member) => (
              <View key={member.openid} className={`choice live-streamer live-streamer-${member.openid} ${form.streamerOpenIds.includes(member.openid) ? 'is-selected' : ''}`} onClick={() => !closed && toggleStreamer(member.openid)}>
                {member.name}（{ROLE_NAMES[member.role]}）
              </View>
            ))}
          </View>
        </Field>
        {membersListed && candidates.length === 0 && <Text className='note'>小店还没有主播。店主可以在“成员”里邀请主播加入。</Text>}
        {!membersListed && <Text className='note'>只有店主能看到全部成员来换主播。</Text>}
      </View>

      <View className='card studio-items'>
        <Text className='card-title'>直播的商品</Text>
        {errorAt(errors, 'items') && !form.items.length && <Text className='field-error'>{errorAt(errors, 'items')}</Text>}
        {form.items.length === 0 && <Text className='note'>还没放商品，点下面的按钮从小店里选。一个规格算一件。</Text>}
        {form.items.map((item, index) => (
          <LiveItemEditor
            key={item.key}
            item={item}
            index={index}
            product={products.find((product) => product.id === item.productId)}
            fallbackName={view?.items.find((known) => known.skuId === item.skuId)?.name ?? '这件商品已经删除了'}
            takenSkuIds={form.items.filter((other) => other.key !== item.key && other.productId === item.productId).map((other) => other.skuId)}
            errors={errors}
            onChange={(next) => set({ items: form.items.map((x, i) => (i === index ? next : x)) })}
            onRemove={() => set({ items: form.items.filter((_, i) => i !== index) })}
          />
        ))}
        {!closed && form.items.length < 30 && (
          <>
            <Button className='secondary-button live-pick-product' onClick={() => setPicking(!picking)}>
              {picking ? '收起' : '+ 从小店里选商品'}
            </Button>
            {picking && <ProductPicker prefix='live' products={products} onPick={addProduct} noteOf={(product) => PRODUCT_NOTES[product.status]} />}
          </>
        )}
      </View>

      {problem && (
        <View className='form-error live-editor-problem'>
          <Text>{problem.message}</Text>
          {problem.code === 'LIVE_CHANNELS_MISSING' && (
            <Button className='small-button live-go-settings' onClick={() => void Taro.navigateTo({ url: routes.liveShows({ shopId }) })}>
              去填视频号
            </Button>
          )}
        </View>
      )}
      {view && showState === 'scheduled' && (
        <View className='card'>
          <Button className='danger-button live-cancel' onClick={() => void cancel()}>
            取消这场直播
          </Button>
        </View>
      )}
      {!closed && (
        <View className='bottom-bar'>
          <Button className={`primary-button live-save ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save()}>
            {busy ? '正在保存…' : view ? '保存修改' : '排好这场直播'}
          </Button>
        </View>
      )}
    </View>
  );
}
