export { SyncMap as Map, SyncMap } from './map';
export { MaxKeyBytes, type SharedMapCodec } from './shared-codec';
export {
  SharedMap,
  type SharedMapHandle,
  type SharedMapOptions,
  type SharedMapValue,
} from './shared-map';
