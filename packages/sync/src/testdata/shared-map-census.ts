// A census of a quiescent SharedMap's memory, for the message of a test that finds no room where there should
// be some: where every byte below the bump pointer is (free lists, magazines, kept index tables, the tables in
// use, the records the current table points at, the limbo), and what is left over (leaked blocks). Test-only: it reads the header.
import {
  classUnits,
  H_COUNT,
  H_CURRENT,
  H_LIMBO,
  H_LIMBO_OWNER,
  H_LIMIT,
  H_LISTS,
  H_MAGAZINES,
  H_TOMBSTONE,
  H_TOP,
  HEADER_WORDS,
  type Heap,
  MAG_SLOTS,
  MAGAZINE_WORDS,
  MAGAZINES,
  RECORD_CLASSES,
  tableUnits,
} from '../shared-heap';
import { DEL, T_LOG, T_NEXT, T_SLOTS, T_USED, unitOf } from '../shared-map-table';

/** census describes the memory of the map m, which no thread may be writing to. */
export function census(m: unknown): string {
  const heap = (m as { heap: Heap }).heap;
  heap.covers(Atomics.load(heap.w, H_TOP));
  const w = heap.w;
  const walk = (head: number, link: number, max: number) => {
    const out: number[] = [];
    for (let r = w[head]!; r !== 0 && out.length < max; r = w[r + link]!) out.push(r);
    return out;
  };
  const top = w[H_TOP]! * 4;
  let freeBytes = 0;
  const perClass: string[] = [];
  for (let cls = 1; cls < RECORD_CLASSES; cls++) {
    const n = walk(H_LISTS + 2 * cls, 2, 1 << 20).length;
    if (n === 0) continue;
    freeBytes += n * classUnits(cls) * 16;
    perClass.push(`${classUnits(cls) * 16}Bx${n}`);
  }
  let magazineBytes = 0;
  for (let i = 0; i < MAGAZINES * MAGAZINE_WORDS; i++) {
    if (w[H_MAGAZINES + i] !== 0)
      magazineBytes += classUnits(((i % MAGAZINE_WORDS) / MAG_SLOTS + 1) | 0) * 16;
  }
  let keptTableBytes = 0;
  const kept: string[] = [];
  for (let log = 0; log < 32; log++) {
    const n = walk(H_LISTS + 2 * (RECORD_CLASSES + log), 3, 1 << 20).length;
    if (n === 0) continue;
    keptTableBytes += n * tableUnits(log) * 16;
    kept.push(`log${log}x${n}`);
  }
  const cur = w[H_CURRENT]!;
  const next = w[cur + T_NEXT]!;
  let tableBytes = tableUnits(w[cur + T_LOG]!) * 16;
  if (next > 1) tableBytes += tableUnits(w[next + T_LOG]!) * 16;
  // The current table's slots: live records, deleted keys that still hold theirs, and tombstones.
  const tomb = H_TOMBSTONE >>> 2;
  let live = 0;
  let liveBytes = 0;
  let deleted = 0;
  let deletedBytes = 0;
  let tombstones = 0;
  for (let i = 0; i < 1 << w[cur + T_LOG]!; i++) {
    const lo = w[cur + T_SLOTS + 2 * i]!;
    const unit = unitOf(lo);
    if (unit === 0) continue;
    if (unit === tomb) tombstones++;
    else if (lo & DEL) {
      deleted++;
      deletedBytes += classUnits(w[(unit << 2) + 3]!) * 16;
    } else {
      live++;
      liveBytes += classUnits(w[(unit << 2) + 3]!) * 16;
    }
  }
  // The limbo holds free blocks (linked through word 2, class in word 3) or, once planned, merged pieces
  // (linked through word 0, class in word 1).
  const limbo = heap.b[H_LIMBO >> 1]!;
  const pieces = (Number(limbo >> 32n) & 1) === 1;
  let limboBytes = 0;
  let limboBlocks = 0;
  for (let r = Number(BigInt.asIntN(32, limbo)); r !== 0 && limboBlocks < 1 << 20; limboBlocks++) {
    limboBytes += classUnits(w[r + (pieces ? 1 : 3)]!) * 16;
    r = w[r + (pieces ? 0 : 2)]!;
  }
  const owner = heap.b[H_LIMBO_OWNER >> 1]!;
  const rest =
    top -
    HEADER_WORDS * 4 -
    freeBytes -
    magazineBytes -
    keptTableBytes -
    tableBytes -
    liveBytes -
    deletedBytes -
    limboBytes;
  return (
    `top ${top} of ${w[H_LIMIT]! * 4} bytes; free lists ${freeBytes} (${perClass.join(' ') || 'none'}); ` +
    `magazines ${magazineBytes}; kept tables ${keptTableBytes} (${kept.join(' ') || 'none'}); ` +
    `tables in use ${tableBytes} (log ${w[cur + T_LOG]}, next ${next}, used ${w[cur + T_USED]}); ` +
    `count ${w[H_COUNT]}; limbo epoch ${limbo >> 32n}: ${limboBlocks} ${pieces ? 'pieces' : 'blocks'} ` +
    `(${limboBytes} bytes), ` +
    `owner ${owner === 0n ? 'none' : `${Number(BigInt.asIntN(32, owner))}@${owner >> 32n}`}; ` +
    `slots: ${live} live (${liveBytes} bytes), ${deleted} deleted (${deletedBytes} bytes), ${tombstones} tombstones; ` +
    `unaccounted (leaked, or a record being built) ${rest}`
  );
}
