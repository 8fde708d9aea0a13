/**
 * Mini-programs sign in through WeChat, so there is nothing to switch: this renders nothing.
 * The local H5 build gets the demo identity switcher from index.h5.tsx instead.
 */
export function IdentitySwitcher() {
  return null;
}
