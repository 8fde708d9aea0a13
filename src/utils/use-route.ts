// A page's params, typed by its route (src/core/routes.ts), read once from Taro's router.
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { parseRoute, type Parsed, type RouteName } from '@core/routes';

/** The params this page was opened with; null when its link lacks one it needs (show <BrokenLink />). */
export function useRoute<N extends RouteName>(name: N): Parsed<N> {
  const { params } = useRouter();
  const [route] = useState(() => parseRoute(name, params));
  return route;
}
