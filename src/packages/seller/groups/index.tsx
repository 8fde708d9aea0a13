import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { groupBuyContract, type GroupMemberRow, type GroupState, type GroupVendorRow, type OutputOf } from '@core/contracts';
import { formatShanghai } from '@core/dates';
import { formatFen } from '@core/money';
import { ORDER_NAMES } from '@core/order-names';
import { routes } from '@core/routes';
import { clockText } from '../../../utils/clock-text';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import './index.css';

type Listing = OutputOf<typeof groupBuyContract, 'offerGroups'>;

/** The tabs: groups still filling, those that made it (their orders are in 待发货), those that failed (refunded). */
const TABS: { state: GroupState; name: string }[] = [
  { state: 'open', name: '拼团中' },
  { state: 'succeeded', name: '已成团' },
  { state: 'failed', name: '没拼成' },
];

const SEAT_NAMES: Record<GroupMemberRow['seat'], string> = { held: '占位未付款', paid: '已付款', left: '已退出' };

function groupLine(group: GroupVendorRow, now: number): string {
  if (group.state === 'open') return `${group.paidCount}/${group.size} 人已付款${group.deadlineAt ? ` · ${clockText(group.deadlineAt - now)} 后结束` : ''}`;
  const at = group.closedAt ? formatShanghai(group.closedAt, 'M月D日 HH:mm') : '';
  if (group.state === 'succeeded') return `${group.size} 人成团 · ${at}`;
  return `没拼成 · ${at}${group.refundedFen > 0 ? ` · 已自动退款 ${formatFen(group.refundedFen)}` : ''}`;
}

function MemberRow({ member, shopId }: { member: GroupMemberRow; shopId: string }) {
  return (
    <View className={`group-member-row is-${member.seat}`} onClick={() => void Taro.navigateTo({ url: routes.shopOrder({ shopId, orderId: member.orderId }) })}>
      <View className='group-member-main'>
        <Text className='group-member-name'>
          {member.receiverName}
          {member.leader ? '（团长）' : ''}
        </Text>
        <Text className='group-member-state'>
          {SEAT_NAMES[member.seat]} · {ORDER_NAMES.state[member.orderState]}
        </Text>
      </View>
      <View className='group-member-money'>
        <Text className='group-member-paid'>{formatFen(member.paidFen || member.totalFen)}</Text>
        {member.refundedFen > 0 && <Text className='group-member-refunded'>已退 {formatFen(member.refundedFen)}</Text>}
      </View>
    </View>
  );
}

/**
 * A product's 拼团 groups for its vendor, by state: who is in each (团长 first), what each paid and
 * got back; open ones with their countdown, failed ones with their automatic refunds. Each member
 * opens their order.
 */
export default function OfferGroupsPage() {
  const route = useRoute('offerGroups');
  const { state, load, retry } = useRemote<Listing>();
  const [tab, setTab] = useState<GroupState>('open');
  const [now, setNow] = useState(Date.now());

  const show = (next: GroupState, after?: Listing) => {
    if (!route) return;
    setTab(next);
    setNow(Date.now());
    void load(async () => {
      const reply = await call(groupBuyContract, 'offerGroups', { productId: route.productId, state: next, limit: 20, ...(after?.nextCursor ? { cursor: after.nextCursor } : {}) });
      return after && reply.ok ? { ok: true, data: { ...reply.data, groups: [...after.groups, ...reply.data.groups] } } : reply;
    }, { quiet: !!after });
  };
  useDidShow(() => show(tab));

  if (!route) return <BrokenLink />;
  const counts = state.status === 'done' ? state.data.counts : {};
  return (
    <View className='app-page offer-groups-page'>
      <View className='tab-bar offer-groups-tabs'>
        {TABS.map(({ state: key, name }) => (
          <View key={key} className={`tab offer-groups-tab offer-groups-tab-${key} ${key === tab ? 'is-current' : ''}`} onClick={() => show(key)}>
            {name} {counts[key] ?? 0}
          </View>
        ))}
      </View>
      {state.status !== 'done' ? (
        <RemoteStatus state={state} onRetry={retry} />
      ) : state.data.groups.length === 0 ? (
        <EmptyState text={`没有${TABS.find((candidate) => candidate.state === tab)?.name ?? ''}的团`} />
      ) : (
        state.data.groups.map((group) => (
          <View key={group.id} className={`card offer-group is-${group.state}`}>
            <Text className='offer-group-line'>{groupLine(group, now)}</Text>
            <Text className='note offer-group-amounts'>
              收款 {formatFen(group.paidFen)}
              {group.refundedFen > 0 ? `，退款 ${formatFen(group.refundedFen)}` : ''}
            </Text>
            {group.members.map((member) => (
              <MemberRow key={member.orderId} member={member} shopId={route.shopId} />
            ))}
          </View>
        ))
      )}
      {state.status === 'done' && state.data.nextCursor && (
        <Button className='secondary-button load-more' onClick={() => show(tab, state.data)}>
          看更多
        </Button>
      )}
    </View>
  );
}
