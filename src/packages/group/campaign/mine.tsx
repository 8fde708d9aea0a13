import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { GroupNameForm } from '../../../components/group-name';
import type { MyEntry } from '@core/contracts';
import { maskName } from '@core/campaign-text';
import { formatFen } from '@core/money';
import { ORDER_NAMES } from '@core/order-names';
import { routes } from '@core/routes';
import { differenceText } from '../../../utils/difference';
import { displayOf, readGroupName, writeGroupName, type GroupName } from '../../../utils/group-name';
import { renameEntry } from './rename';

interface Props {
  campaignId: string;
  entries: MyEntry[];
  /** After a rename: my entries as they now are (the list is loaded again). */
  onRenamed: (entries: MyEntry[]) => void;
}

/** 我的跟团: my orders in this campaign with their 跟团号 and any price difference, and the name the list shows. */
export function MyEntries({ campaignId, entries, onRenamed }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState<GroupName>(readGroupName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (entries.length === 0) return null;

  const save = async () => {
    const display = displayOf(name);
    if (!display) return setError('请写一个名字');
    setBusy(true);
    setError(null);
    const reply = await renameEntry(campaignId, display);
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    writeGroupName(name);
    setEditing(false);
    void Taro.showToast({ title: '已改好', icon: 'success' });
    onRenamed(reply.data.entries);
  };

  return (
    <View className='card campaign-mine'>
      <Text className='card-title'>我的跟团</Text>
      {entries.map((entry) => {
        const difference = differenceText(entry.difference, 'buyer');
        return (
          <View key={entry.orderId} className='campaign-mine-order' onClick={() => void Taro.navigateTo({ url: routes.order({ orderId: entry.orderId }) })}>
            <View className='campaign-mine-top'>
              <Text className='campaign-mine-seq'>{entry.seq !== null ? `跟团号 ${entry.seq}` : entry.counts ? '正在排号' : ORDER_NAMES.state[entry.state]}</Text>
              <Text className='campaign-mine-total'>{formatFen(entry.totalFen)}</Text>
            </View>
            <Text className='campaign-mine-summary'>{entry.summary}</Text>
            {entry.seq === null && entry.state === 'to_pay' && <Text className='note'>付款后才排上跟团号，点这里去付款</Text>}
            {difference && <Text className='campaign-mine-difference'>{difference}</Text>}
          </View>
        );
      })}
      {editing ? (
        <View className='campaign-rename'>
          <GroupNameForm value={name} onChange={setName} hint={name.name.trim() ? `接龙里显示为：${maskName(name.name)}` : '接龙里只显示名字的头尾，比如“王*姨”'} />
          {error && <Text className='inline-error'>{error}</Text>}
          <View className='row-inputs'>
            <Button className='primary-button campaign-rename-save' disabled={busy || undefined} onClick={() => void save()}>
              {busy ? '正在保存…' : '保存'}
            </Button>
            <Button className='secondary-button campaign-rename-cancel' onClick={() => setEditing(false)}>
              不改了
            </Button>
          </View>
        </View>
      ) : (
        <Button className='secondary-button campaign-rename-open' onClick={() => setEditing(true)}>
          改接龙上的名字
        </Button>
      )}
    </View>
  );
}
