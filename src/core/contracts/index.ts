export * from './define';
export * from './common';
export * from './shop';
