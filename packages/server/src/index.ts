export * from './app.ts';
export * from './context.ts';
export * from './engine.ts';
export * from './serve.ts';
