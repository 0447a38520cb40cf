// Worker-thread entry: registers the TypeScript loader, then runs the draw worker.
import { register } from 'tsx/esm/api';

register();
await import('./draw-worker.ts');
