import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { addressLine, formatTime } from '../../../components/order/format';
import { customersContract, type CustomerRow, type OutputOf } from '@core/contracts';
import { formatFen } from '@core/money';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import { parseTags } from './tags';
import { openSheet } from '../../../utils/sheet';
import '../../../components/field/index.css';
import '../../../components/page.css';
import './index.css';

type Book = OutputOf<typeof customersContract, 'listCustomers'>;
type Detail = OutputOf<typeof customersContract, 'customer'>;

/** One customer in the book: name and phone, 买过 N 次 · 共 ¥, tags. */
function CustomerCard({ row, onOpen }: { row: CustomerRow; onOpen: () => void }) {
  return (
    <View className='card customer-row' onClick={onOpen}>
      <View className='customer-row-head'>
        <Text className='customer-name'>{row.name}</Text>
        <Text className='customer-phone'>{row.phone}</Text>
      </View>
      <Text className='customer-figures'>
        买过 {row.orderCount} 次 · 共 {formatFen(row.spentFen)}
        {row.refundedFen > 0 ? `（已退 ${formatFen(row.refundedFen)}）` : ''}
      </Text>
      <Text className='note'>最近一次 {formatTime(row.lastOrderAt)}</Text>
      {row.tags.length > 0 && (
        <View className='customer-tags'>
          {row.tags.map((tag) => (
            <Text key={tag} className='customer-tag'>
              {tag}
            </Text>
          ))}
        </View>
      )}
      {row.note && <Text className='customer-note'>备注：{row.note}</Text>}
    </View>
  );
}

/** One customer with everything the shop knows, and the note and tags to edit. */
function CustomerDetailView({ shopId, detail, onSaved, onBack }: { shopId: string; detail: Detail; onSaved: (row: CustomerRow) => void; onBack: () => void }) {
  const { customer, orders } = detail;
  const [note, setNote] = useState(customer.note);
  const [tags, setTags] = useState(customer.tags.join(' '));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const parsed = parseTags(tags);
    if ('problem' in parsed) return setProblem(parsed.problem);
    setProblem(null);
    setSaving(true);
    const reply = await call(customersContract, 'setNote', { shopId, customerId: customer.id, note, tags: parsed.tags });
    setSaving(false);
    if (!reply.ok) return setProblem(reply.error.message);
    void Taro.showToast({ title: '已保存', icon: 'none' });
    onSaved(reply.data.customer);
  };

  return (
    <View className='customer-detail'>
      <Button className='secondary-button customer-back' onClick={onBack}>
        返回熟客本
      </Button>
      <View className='card'>
        <Text className='card-title'>{customer.name}</Text>
        <Text className='customer-figures'>
          买过 {customer.orderCount} 次 · 共 {formatFen(customer.spentFen)}
          {customer.refundedFen > 0 ? `（已退 ${formatFen(customer.refundedFen)}）` : ''}
        </Text>
        <Text className='note'>
          第一次 {formatTime(customer.firstOrderAt)} · 最近 {formatTime(customer.lastOrderAt)}
        </Text>
        <Text className='customer-line'>电话：{customer.phones.join('、')}</Text>
        {customer.names.length > 1 && <Text className='customer-line'>用过的名字：{customer.names.join('、')}</Text>}
        {customer.addresses.map((address) => (
          <Text key={addressLine(address)} className='customer-line'>
            地址：{addressLine(address)}
          </Text>
        ))}
        {customer.pickupPoints.length > 0 && <Text className='customer-line'>自提点：{customer.pickupPoints.join('、')}</Text>}
        {(customer.sources.campaignIds.length > 0 || customer.sources.groupIds.length > 0 || customer.sources.shareRefs.length > 0) && (
          <Text className='note'>
            来自：{customer.sources.campaignIds.length > 0 ? `团购接龙 ${customer.sources.campaignIds.length} 个 ` : ''}
            {customer.sources.groupIds.length > 0 ? `拼团 ${customer.sources.groupIds.length} 个 ` : ''}
            {customer.sources.shareRefs.length > 0 ? `分享链接 ${customer.sources.shareRefs.length} 个` : ''}
          </Text>
        )}
      </View>

      <View className='card'>
        <Text className='card-title'>我的备注和标签</Text>
        <Textarea className='text-input customer-note-input' value={note} maxlength={200} placeholder='比如：只要肥一点的、周末才在家' onInput={(event) => setNote(event.detail.value)} />
        <Input className='text-input customer-tags-input' value={tags} placeholder='标签，用空格隔开：老乡 要发票' onInput={(event) => setTags(event.detail.value)} />
        {problem && <Text className='inline-error'>{problem}</Text>}
        <Button className='primary-button customer-save' disabled={saving || undefined} onClick={() => void save()}>
          保存
        </Button>
      </View>

      <View className='card'>
        <Text className='card-title'>买过的订单</Text>
        {orders.map((order) => (
          <View key={order.id} className='customer-order' onClick={() => void Taro.navigateTo({ url: routes.shopOrder({ shopId, orderId: order.id }) })}>
            <Text className='customer-order-title'>{order.title}</Text>
            <Text className='note'>
              {formatTime(order.createdAt)} · {formatFen(order.totalFen)}
              {order.refundedFen > 0 ? ` · 已退 ${formatFen(order.refundedFen)}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** 熟客本: the shop's buyers, found by name, phone or tag, each with what they bought and the vendor's note. */
export default function CustomersPage() {
  const route = useRoute('customers');
  const shopId = route?.shopId ?? '';
  const { state, load, retry, update } = useRemote<Book>();
  const detail = useRemote<Detail>();
  const [keyword, setKeyword] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exporting, setExporting] = useState(false);

  const search = (typed: string) => void load(() => call(customersContract, 'listCustomers', typed.trim() ? { shopId, keyword: typed.trim() } : { shopId }));
  useLoad(() => {
    if (route) search('');
  });

  if (!route) return <BrokenLink />;

  const more = async (cursor: string) => {
    setLoadingMore(true);
    const typed = keyword.trim();
    const reply = await call(customersContract, 'listCustomers', typed ? { shopId, keyword: typed, cursor } : { shopId, cursor });
    setLoadingMore(false);
    if (reply.ok) update((book) => ({ customers: [...book.customers, ...reply.data.customers], nextCursor: reply.data.nextCursor }));
  };

  const exportBook = async () => {
    setExporting(true);
    const typed = keyword.trim();
    const reply = await call(customersContract, 'exportCustomers', typed ? { shopId, keyword: typed } : { shopId });
    setExporting(false);
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none' });
    try {
      await openSheet(reply.data.url);
    } catch {
      void Taro.showToast({ title: '表格打不开，请稍后再试', icon: 'none' });
    }
  };

  const openCustomer = (customerId: string) => {
    setOpen(customerId);
    void detail.load(() => call(customersContract, 'customer', { shopId, customerId }));
  };

  if (open) {
    return (
      <View className='app-page customers-page'>
        {detail.state.status === 'done' ? (
          <CustomerDetailView
            key={open}
            shopId={shopId}
            detail={detail.state.data}
            onBack={() => setOpen(null)}
            onSaved={(row) => update((book) => ({ ...book, customers: book.customers.map((old) => (old.id === row.id ? row : old)) }))}
          />
        ) : (
          <RemoteStatus state={detail.state} onRetry={detail.retry} />
        )}
      </View>
    );
  }

  return (
    <View className='app-page customers-page'>
      <View className='card customers-search'>
        <Input className='text-input customers-search-input' value={keyword} confirmType='search' placeholder='名字、电话或标签，输入一部分就能找' onInput={(event) => setKeyword(event.detail.value)} onConfirm={() => search(keyword)} />
        <View className='customers-search-actions'>
          <Button className='small-button customers-search-button' onClick={() => search(keyword)}>
            搜索
          </Button>
          <Button className='small-button customers-export' disabled={exporting || undefined} onClick={() => void exportBook()}>
            {exporting ? '正在导出…' : '导出表格'}
          </Button>
        </View>
      </View>
      {state.status !== 'done' ? (
        <RemoteStatus state={state} onRetry={retry} />
      ) : (
        <>
          {state.data.customers.length === 0 && <EmptyState text={keyword.trim() ? '没有找到，换个名字、电话或标签试试' : '还没有客人付过款。有人下单付款后，这里会记下他们。'} />}
          {state.data.customers.map((row) => (
            <CustomerCard key={row.id} row={row} onOpen={() => openCustomer(row.id)} />
          ))}
          {state.data.nextCursor && (
            <Button className='secondary-button customers-more' disabled={loadingMore || undefined} onClick={() => void more(state.data.nextCursor!)}>
              {loadingMore ? '正在加载…' : '再看 20 位'}
            </Button>
          )}
        </>
      )}
    </View>
  );
}
