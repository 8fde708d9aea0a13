import { Button, Text, View } from '@tarojs/components';
import type { ErrorBody } from '@core/errors';
import './index.css';

export function LoadingState() {
  return (
    <View className='state state-loading'>
      <Text>正在加载…</Text>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: ErrorBody; onRetry: () => void }) {
  return (
    <View className='state state-error'>
      <Text className='state-error-message'>{error.message}</Text>
      <Button className='retry-button' onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className='state state-empty'>
      <Text>{text}</Text>
    </View>
  );
}
