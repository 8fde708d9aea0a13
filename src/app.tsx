import type { PropsWithChildren } from 'react';
import { IdentitySwitcher } from './components/identity-switcher';
import './app.css';

/** The app shell: the pages, plus the demo identity switcher on the local H5 build. */
export default function App({ children }: PropsWithChildren) {
  return (
    <>
      {/* Before the pages: Taro's H5 router shows the last child of its container as the current page. */}
      <IdentitySwitcher />
      {children}
    </>
  );
}
