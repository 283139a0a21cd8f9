// Appends one profile's samples to another, as Go's profile.Merge would for
// two profiles of the same type, adding labels to every appended sample; and
// the profiles of worker threads to the main thread's.
import { Label, Line, Location, Function as PFunction, type Profile, Sample } from 'pprof-format';

/**
 * AppendProfile adds the samples of from (with their stacks and labels, plus
 * extra) to into. A sample that already has a label with one of extra's keys
 * keeps its own and does not get extra's.
 */
export function appendProfile(into: Profile, from: Profile, extra: readonly [string, string][]): void {
  const st = into.stringTable;
  const str = (i: unknown): number => st.dedup(from.stringTable.strings[Number(i)] ?? '');
  const fns = new Map<number, number>();
  for (const f of from.function) {
    const id = into.function.length + 1;
    fns.set(Number(f.id), id);
    into.function.push(
      new PFunction({
        id,
        name: str(f.name),
        systemName: str(f.systemName),
        filename: str(f.filename),
        startLine: f.startLine,
      }),
    );
  }
  const locs = new Map<number, number>();
  const mappingId = into.mapping[0]?.id ?? 0;
  for (const l of from.location) {
    const id = into.location.length + 1;
    locs.set(Number(l.id), id);
    into.location.push(
      new Location({
        id,
        mappingId,
        address: l.address,
        line: l.line.map(
          (ln) => new Line({ functionId: fns.get(Number(ln.functionId)) ?? 0, line: ln.line }),
        ),
      }),
    );
  }
  const added = extra.map(([k, v]) => new Label({ key: st.dedup(k), str: st.dedup(v) }));
  const addedKeys = extra.map(([k]) => k);
  for (const s of from.sample) {
    const own = new Set(s.label.map((l) => from.stringTable.strings[Number(l.key)]));
    into.sample.push(
      new Sample({
        locationId: s.locationId.map((id) => locs.get(Number(id)) ?? 0),
        value: s.value,
        label: [
          ...s.label.map(
            (l) =>
              new Label({
                key: str(l.key),
                str: Number(l.str) === 0 ? 0 : str(l.str),
                num: l.num,
                numUnit: Number(l.numUnit) === 0 ? 0 : str(l.numUnit),
              }),
          ),
          ...added.filter((_, i) => !own.has(addedKeys[i])),
        ],
      }),
    );
  }
}

/** A worker thread's profile, decoded. */
export interface ThreadProfile {
  thread: number;
  /** The name the worker was started with; '' when none. */
  name: string;
  profile: Profile;
}

/**
 * AppendWorkers adds the samples of each worker's profile to into, in thread
 * order, labeled thread=<threadId> and worker=<name> when it has one, and
 * names the threads in a comment.
 */
export function appendWorkers(into: Profile, workers: readonly ThreadProfile[]): void {
  if (workers.length === 0) return;
  const sorted = [...workers].sort((a, b) => a.thread - b.thread);
  for (const w of sorted) {
    const labels: [string, string][] = [['thread', String(w.thread)]];
    if (w.name !== '') labels.push(['worker', w.name]);
    appendProfile(into, w.profile, labels);
  }
  into.comment.push(
    into.stringTable.dedup(`@gostd/pprof: worker threads ${sorted.map((w) => w.thread).join(', ')} included`),
  );
}
