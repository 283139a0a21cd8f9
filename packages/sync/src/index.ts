/**
 * Package @gostd/sync is Go's sync for TypeScript: Map (SyncMap) for one thread, with Go's API and Range
 * guarantees; SharedMap, the same API over a SharedArrayBuffer for worker_threads; and the primitives
 * Mutex, RWMutex, WaitGroup, Once (with onceFunc, onceValue, onceValues) and Cond, which work between
 * async tasks of one thread and across workers alike.
 *
 * @packageDocumentation
 */
export { Cond, type CondHandle, newCond } from './cond';
export type { Handle, LockOptions, SyncLockOptions } from './futex';
export { SyncMap as Map, SyncMap } from './map';
export { type Locker, Mutex, type MutexHandle } from './mutex';
export { Once, type OnceHandle } from './once';
export { onceFunc, onceValue, onceValues } from './oncefunc';
export { RWMutex, type RWMutexHandle } from './rwmutex';
export { MaxKeyBytes, type SharedMapCodec } from './shared-codec';
export {
  SharedMap,
  type SharedMapHandle,
  type SharedMapOptions,
  type SharedMapValue,
} from './shared-map';
export { WaitGroup, type WaitGroupHandle } from './waitgroup';
