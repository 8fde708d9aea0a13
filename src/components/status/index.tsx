import { Button, Text, View } from '@tarojs/components';
import type { Remote } from '../../utils/use-remote';
import type { ErrorBody } from '@core/errors';
import './index.css';

function LoadingState() {
  return (
    <View className='state state-loading'>
      <Text>正在加载…</Text>
    </View>
  );
}

function ErrorState({ error, onRetry }: { error: ErrorBody; onRetry: () => void }) {
  return (
    <View className='state state-error'>
      <Text className='state-error-message'>{error.message}</Text>
      <Button className='retry-button' onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

/** A page's remote data that is not there yet: 正在加载…, or the error with 重试. Nothing once loaded. */
export function RemoteStatus({ state, onRetry }: { state: Remote<unknown>; onRetry: () => void }) {
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'failed') return <ErrorState error={state.error} onRetry={onRetry} />;
  return null;
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className='state state-empty'>
      <Text>{text}</Text>
    </View>
  );
}

/** A page opened by a link that lacks what the page needs (see src/utils/use-route.ts). */
export function BrokenLink() {
  return <EmptyState text='这个链接不完整，打不开。请回到小店重新进入。' />;
}
