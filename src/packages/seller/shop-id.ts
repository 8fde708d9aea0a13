// Every page of a shop's console is opened with `?shopId=`.
import { useRouter } from '@tarojs/taro';

export function useShopId(): string {
  const { params } = useRouter();
  return decodeURIComponent(params.shopId ?? '');
}

export function shopUrl(page: string, shopId: string, extra = ''): string {
  return `/packages/seller/${page}/index?shopId=${encodeURIComponent(shopId)}${extra}`;
}
