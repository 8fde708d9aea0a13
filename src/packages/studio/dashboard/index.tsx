import { View } from '@tarojs/components';

// Placeholder until the page lands (same session).
export default function Page() {
  return <View />;
}
