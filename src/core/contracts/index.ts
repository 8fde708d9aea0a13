export * from './define';
export * from './common';
export * from './catalog';
export * from './shop';
export * from './goods';
export * from './share';
export * from './orders';
export * from './campaigns';
