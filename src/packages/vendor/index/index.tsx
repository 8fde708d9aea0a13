import { Text, View } from '@tarojs/components';

/** Placeholder of the vendor console subpackage. */
export default function VendorHomePage() {
  return (
    <View>
      <Text>店主后台即将开放</Text>
    </View>
  );
}
