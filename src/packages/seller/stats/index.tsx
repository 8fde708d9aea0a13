import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { shareContract, type OutputOf } from '@core/contracts';
import { useRoute } from '../../../utils/use-route';
import { askNameInModal } from './ask-name';
import { PERIODS, sinceFor, type Period } from './period';
// The shared text box rule (.text-input) lives with the form field.
import '../../../components/field/index.css';
import '../../../components/page.css';
import './index.css';

type Stats = OutputOf<typeof shareContract, 'stats'>;
type CountRow = Stats['byGroup'][number];

const EMPTY_TEXT = '还没有人通过分享打开过小店。把商品分享到群里试试。';
const GROUP_NAME_MAX = 20;
/** A group nobody has named yet comes with an empty label. */
function labelOf(row: CountRow): string {
  return row.label || `未命名的群 ${row.key.slice(-4)}`;
}

function largestFirst(rows: CountRow[]): CountRow[] {
  return [...rows].sort((a, b) => b.visits - a.visits);
}

/** A group's name as nameGroup takes it (trimmed, 1..20 characters), or why it is not one. */
function checkName(raw: string): { name: string } | { problem: string } {
  const name = raw.trim();
  if (!name) return { problem: '请写上群名' };
  if (name.length > GROUP_NAME_MAX) return { problem: `群名最多 ${GROUP_NAME_MAX} 个字` };
  return { name };
}

interface SectionProps {
  kind: 'product' | 'sharer' | 'group';
  title: string;
  note?: string;
  emptyText: string;
  rows: CountRow[];
  renderExtra?: (row: CountRow) => JSX.Element | null;
  renderBelow?: (row: CountRow) => JSX.Element | null;
}

/** One "按…" list: label and visits per row, largest first, with a bar proportional to visits. */
function StatsSection({ kind, title, note, emptyText, rows, renderExtra, renderBelow }: SectionProps) {
  const sorted = largestFirst(rows);
  const most = sorted.length > 0 ? sorted[0].visits : 0;
  return (
    <View className={`card stats-section stats-section-${kind}`}>
      <Text className='card-title'>{title}</Text>
      {note && <Text className='note stats-section-note'>{note}</Text>}
      {sorted.length === 0 && <Text className='stats-section-empty'>{emptyText}</Text>}
      {sorted.map((row) => (
        <View key={row.key} className='stats-row'>
          <View className='stats-row-head'>
            <Text className='stats-label'>{labelOf(row)}</Text>
            <Text className='stats-visits'>{row.visits}</Text>
            <Text className='stats-unit'>次</Text>
            {renderExtra?.(row)}
          </View>
          <View className='stats-bar'>
            <View className='stats-bar-fill' style={{ width: `${most > 0 ? Math.round((row.visits / most) * 1000) / 10 : 0}%` }} />
          </View>
          {renderBelow?.(row)}
        </View>
      ))}
    </View>
  );
}

/** 访问统计 "谁带来了访客": visits that came through shares, by product, sharer and group. */
export default function StatsPage() {
  const route = useRoute('stats');
  const shopId = route?.shopId ?? '';
  const { state, load, retry } = useRemote<Stats>();
  const [period, setPeriod] = useState<Period>('all');
  /** The group being renamed inline (no modal input off WeChat) and the text typed so far. */
  const [editing, setEditing] = useState<{ key: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const show = (next: Period) => {
    setPeriod(next);
    setEditing(null);
    setProblem(null);
    const since = sinceFor(next, Date.now());
    void load(() => call(shareContract, 'stats', since === undefined ? { shopId } : { shopId, since }));
  };
  useLoad(() => {
    if (route) show(period);
  });

  const save = async (openGId: string, raw: string) => {
    const checked = checkName(raw);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    setSaving(true);
    const reply = await call(shareContract, 'nameGroup', { shopId, openGId, name: checked.name });
    setSaving(false);
    if (!reply.ok) return setProblem(reply.error.message);
    void Taro.showToast({ title: '群名已保存', icon: 'none' });
    show(period);
  };

  const rename = async (row: CountRow) => {
    setProblem(null);
    const current = row.label;
    if (!askNameInModal) return setEditing({ key: row.key, name: current });
    const typed = await askNameInModal(current);
    if (typed !== null) await save(row.key, typed);
  };

  const renameButton = (row: CountRow) => (
    <Button className='small-button group-rename' disabled={saving} onClick={() => void rename(row)}>
      改名
    </Button>
  );

  const renameBox = (row: CountRow) => {
    if (editing?.key !== row.key) return null;
    return (
      <View className='group-rename-box'>
        <Input
          className='text-input group-rename-input'
          maxlength={GROUP_NAME_MAX}
          focus
          placeholder='比如：呼中同乡群'
          value={editing.name}
          onInput={(e) => setEditing({ key: row.key, name: e.detail.value })}
          onConfirm={() => void save(row.key, editing.name)}
        />
        {problem && <Text className='group-rename-problem'>{problem}</Text>}
        <View className='group-rename-actions'>
          <Button className='secondary-button group-rename-cancel' onClick={() => {
              setEditing(null);
              setProblem(null);
            }}>
            取消
          </Button>
          <Button className='primary-button group-rename-save' disabled={saving} onClick={() => void save(row.key, editing.name)}>
            保存
          </Button>
        </View>
      </View>
    );
  };

  if (!route) return <BrokenLink />;
  return (
    <View className='app-page stats-page'>
      <View className='tab-bar stats-periods'>
        {PERIODS.map((choice) => (
          <View
            key={choice.value}
            className={`tab stats-period stats-period-${choice.value} ${choice.value === period ? 'is-current' : ''}`}
            onClick={() => show(choice.value)}
          >
            {choice.label}
          </View>
        ))}
      </View>

      <RemoteStatus state={state} onRetry={retry} />
      {state.status === 'done' && state.data.total === 0 && <EmptyState text={EMPTY_TEXT} />}
      {state.status === 'done' && state.data.total > 0 && (
        <View className='stats-body'>
          {problem && !editing && <Text className='form-error stats-problem'>{problem}</Text>}
          <View className='card stats-total-card'>
            <Text className='card-title'>谁带来了访客</Text>
            <View className='stats-total-line'>
              <Text className='stats-total-lead'>小店被打开了</Text>
              <Text className='stats-total'>{state.data.total}</Text>
              <Text className='stats-total-unit'>次</Text>
            </View>
          </View>
          <StatsSection kind='product' title='按商品' emptyText='还没有人从商品分享打开过。' rows={state.data.byProduct} />
          <StatsSection kind='sharer' title='按分享人' emptyText='还不知道是谁分享的。' rows={state.data.bySharer} />
          <StatsSection
            kind='group'
            title='按群'
            note='微信不告诉我们群名，点“改名”记下是哪个群。'
            emptyText='还没有人从群里打开过。'
            rows={state.data.byGroup}
            renderExtra={renameButton}
            renderBelow={renameBox}
          />
        </View>
      )}
    </View>
  );
}
