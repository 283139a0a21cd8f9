// Making a run of free memory where there is none by moving records out of the way: what the merging thread
// does (shared-coalesce.ts) when the free blocks of a full map, merged, hold no run as long as the table or
// record it wants, because live records lie between them. Seen: a map filled with big entries and small ones
// in turn, the big ones deleted, then refilled with small ones, held a third of its memory in live records
// and more than half free, but in 1 KiB pieces between the records that were kept, and the index could not grow.
//
// The plan reads the free runs (which the merging thread holds) and the records the index points at
// (shared-map-relocate.ts), and picks the stretch of `want` words made only of free runs and records whose
// records take the fewest words; their copies go to free runs outside it. The thread holds the stretch's free
// runs and the copies' blocks alone until the moves are done, so a worker terminated in between leaks them
// (at most the stretch and what it moves), as it would leak a merged run it was handing to a table.
import type { Heap } from './shared-heap';
import type { IndexedRecords } from './shared-map-relocate';

/** Relocator lists the records the index points at and moves one (shared-map-relocate.ts); the map lends it. */
export interface Relocator {
  list(heap: Heap): IndexedRecords | null;
  move(heap: Heap, list: IndexedRecords, k: number, dest: number): boolean;
}

/**
 * compactions counts, in this thread, the merges of free blocks, the runs freed by moving records, the
 * records moved, and the plans given up because a write changed a record first (the tests read it).
 */
export const compactions = { merges: 0, freed: 0, moved: 0, abandoned: 0 };

/** Evacuation is the plan for freeing the words [start, end): which records move where. */
export interface Evacuation {
  /** relocator is the one that listed the records, and moves them. */
  relocator: Relocator;
  start: number;
  end: number;
  list: IndexedRecords;
  /** records lists the indexes in list of the records in [start, end) (their blocks may reach past end). */
  records: number[];
  /** dests holds, for each of records, the block its copy goes to (0 for a deleted key's record). */
  dests: number[];
  /** held lists the free runs in [start, end), as start, end pairs. */
  held: number[];
}

/**
 * planEvacuation finds the stretch of want words that is cheapest to free, and where its records go; it takes
 * the stretch's free runs and the copies' blocks out of runs (sorted start, end pairs). Null: none fits.
 */
export function planEvacuation(
  heap: Heap,
  relocator: Relocator,
  runs: number[],
  want: number,
): Evacuation | null {
  const free = runs.reduce((sum, x, i) => (i % 2 === 1 ? sum + x - runs[i - 1]! : sum), 0);
  // The stretch's free runs and the runs its records move to are all free: there must be room for both.
  if (free < want) return null;
  const list = relocator.list(heap);
  if (list === null || list.length === 0) return null;
  // One address-ordered list of the free runs (record -1) and the records (their index in list).
  const starts: number[] = [];
  const ends: number[] = [];
  const recs: number[] = [];
  for (let i = 0, k = 0; i < runs.length || k < list.length; ) {
    if (k >= list.length || (i < runs.length && runs[i]! < list.at[k]!)) {
      starts.push(runs[i]!);
      ends.push(runs[i + 1]!);
      recs.push(-1);
      i += 2;
    } else {
      starts.push(list.at[k]!);
      ends.push(list.at[k]! + list.words[k]!);
      recs.push(k);
      k++;
    }
    const n = starts.length;
    // A record listed while it changed may overlap another block: plan nothing on a picture that is wrong.
    if (n > 1 && starts[n - 1]! < ends[n - 2]!) return null;
  }
  const cost = (j: number) => (recs[j]! >= 0 && !list.deleted(recs[j]!) ? list.words[recs[j]!]! : 0);
  let best = -1;
  let bestCost = Infinity;
  for (let a = 0; a < starts.length; ) {
    // [a, b) is a stretch of blocks that follow each other with no gap: only one can hold the window.
    let b = a + 1;
    while (b < starts.length && starts[b] === ends[b - 1]) b++;
    let sum = 0;
    for (let i = a, j = a; i < b && ends[b - 1]! - starts[i]! >= want; i++) {
      while (j < b && starts[j]! < starts[i]! + want) sum += cost(j++);
      if (sum < bestCost && sum <= free - want) {
        best = i;
        bestCost = sum;
      }
      sum -= cost(i);
    }
    a = b;
  }
  if (best < 0) return null;
  const start = starts[best]!;
  const end = start + want;
  const records: number[] = [];
  const held: number[] = [];
  for (let j = best; j < starts.length && starts[j]! < end; j++) {
    if (recs[j]! >= 0) records.push(recs[j]!);
    else held.push(starts[j]!, Math.min(end, ends[j]!));
  }
  // The runs outside the stretch; placing the copies carves their blocks off the runs' starts, so what is
  // left of them is what stays free.
  const outside = subtract(runs, [start, end]);
  const dests = placeCopies(list, records, outside);
  if (dests === null) return null;
  runs.length = 0;
  for (let i = 0; i < outside.length; i += 2) {
    if (outside[i]! < outside[i + 1]!) runs.push(outside[i]!, outside[i + 1]!);
  }
  return { relocator, start, end, list, records, dests, held };
}

/**
 * evacuate carries out plan ev: it moves each record and returns ev.start, the start of a free run of the
 * words wanted, which is the caller's; or 0, when a write got to one of the records first, having given back
 * everything it held.
 */
export function evacuate(heap: Heap, ev: Evacuation): number {
  const { relocator, list, records, dests } = ev;
  let moved = 0;
  while (moved < records.length && relocator.move(heap, list, records[moved]!, dests[moved]!)) moved++;
  const giveBack: number[] = [];
  // The part past the window of a moved record's block is free once the record has moved.
  for (let j = 0; j < moved; j++) {
    const k = records[j]!;
    const from = list.at[k]!;
    const to = from + list.words[k]!;
    if (moved < records.length) giveBack.push(from, to);
    else if (to > ev.end) giveBack.push(ev.end, to);
  }
  if (moved < records.length) {
    // One at a time: a plan over a big, fragmented stretch holds more runs than a call takes arguments.
    for (const x of ev.held) giveBack.push(x);
    for (let j = moved; j < records.length; j++) {
      if (dests[j] !== 0) giveBack.push(dests[j]!, dests[j]! + list.words[records[j]!]!);
    }
  }
  for (let i = 0; i < giveBack.length; i += 2) heap.pushRun(giveBack[i]!, giveBack[i + 1]!);
  compactions.moved += moved;
  if (moved < records.length) {
    compactions.abandoned++;
    return 0;
  }
  compactions.freed++;
  return ev.start;
}

/**
 * placeCopies finds a block for the copy of each live record among records in the free runs `outside`
 * (start, end pairs, which it carves), biggest record first; 0 for a deleted key's record, which needs none.
 * Null: they do not all fit.
 */
function placeCopies(list: IndexedRecords, records: number[], outside: number[]): number[] | null {
  const dests = records.map(() => 0);
  const order = records.map((_, j) => j).sort((x, y) => list.words[records[y]!]! - list.words[records[x]!]!);
  for (const j of order) {
    const k = records[j]!;
    if (list.deleted(k)) continue;
    const n = list.words[k]!;
    let i = 0;
    while (i < outside.length && outside[i + 1]! - outside[i]! < n) i += 2;
    if (i >= outside.length) return null;
    dests[j] = outside[i]!;
    outside[i] = outside[i]! + n;
  }
  return dests;
}

/** subtract returns the sorted start, end pairs of runs minus those of cuts (sorted, not overlapping). */
function subtract(runs: number[], cuts: number[]): number[] {
  const out: number[] = [];
  let c = 0;
  for (let i = 0; i < runs.length; i += 2) {
    let s = runs[i]!;
    const e = runs[i + 1]!;
    while (c < cuts.length && cuts[c + 1]! <= s) c += 2;
    for (let d = c; d < cuts.length && cuts[d]! < e; d += 2) {
      if (cuts[d]! > s) out.push(s, cuts[d]!);
      s = Math.max(s, cuts[d + 1]!);
    }
    if (s < e) out.push(s, e);
  }
  return out;
}
