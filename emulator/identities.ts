// Local-only identities: the H5 app picks one and the gateway passes it to functions as the
// caller's openid, standing in for WeChat's login. Nothing like this exists in the cloud.
export interface DemoIdentity {
  openid: string;
  name: string;
  role: 'owner' | 'buyer' | 'streamer';
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'demo-owner-laozhang', name: '老张', role: 'owner' },
  { openid: 'demo-buyer-wangayi', name: '王阿姨', role: 'buyer' },
  { openid: 'demo-buyer-xiaoli', name: '小李', role: 'buyer' },
  { openid: 'demo-streamer-afeng', name: '阿凤', role: 'streamer' },
];

/** The appid the emulator reports for the demo mini-program. */
export const DEMO_APPID = 'wxcactus0000demo';
