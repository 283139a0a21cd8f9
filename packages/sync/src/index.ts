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
