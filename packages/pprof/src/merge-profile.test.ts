import { Label, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { appendProfile } from './merge-profile';

function profile(labels: [string, string][][]): Profile {
  const st = new StringTable();
  return new Profile({
    sampleType: [new ValueType({ type: st.dedup('samples'), unit: st.dedup('count') })],
    sample: labels.map(
      (ls) =>
        new Sample({
          value: [1],
          label: ls.map(([k, v]) => new Label({ key: st.dedup(k), str: st.dedup(v) })),
        }),
    ),
    stringTable: st,
  });
}

const labelsOf = (p: Profile) =>
  p.sample.map((s) =>
    s.label.map((l) => [p.stringTable.strings[Number(l.key)], p.stringTable.strings[Number(l.str)]]),
  );

describe('appendProfile', () => {
  it('adds the extra labels, except a key the sample already has', () => {
    const into = profile([[['job', 'main']]]);
    const from = profile([[['job', 'a']], [['worker', 'mine']]]);
    appendProfile(into, from, [
      ['thread', '7'],
      ['worker', 'alpha'],
    ]);
    expect(labelsOf(into)).toEqual([
      [['job', 'main']],
      [
        ['job', 'a'],
        ['thread', '7'],
        ['worker', 'alpha'],
      ],
      [
        ['worker', 'mine'],
        ['thread', '7'],
      ],
    ]);
  });
});
