/**
 * Package @gostd/sync is Go's sync.Map for TypeScript: Map (SyncMap) for one thread, with Go's API and
 * Range guarantees, and SharedMap, the same API over a SharedArrayBuffer for worker_threads.
 *
 * @packageDocumentation
 */
export { SyncMap as Map, SyncMap } from './map';
export { MaxKeyBytes, type SharedMapCodec } from './shared-codec';
export {
  SharedMap,
  type SharedMapHandle,
  type SharedMapOptions,
  type SharedMapValue,
} from './shared-map';
