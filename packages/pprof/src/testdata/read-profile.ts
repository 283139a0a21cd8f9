// Test helper: decodes a gzipped profile.proto into plain data.
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

export interface Frame {
  name: string;
  file: string;
  line: number;
}

export interface ReadSample {
  stack: Frame[];
  labels: Record<string, string>;
  numLabels: Record<string, number>;
  values: number[];
}

export interface ReadProfile {
  sampleTypes: string[];
  periodType: string;
  period: number;
  durationNanos: number;
  comments: string[];
  samples: ReadSample[];
  raw: Profile;
}

export function readProfile(gz: Uint8Array): ReadProfile {
  const p = Profile.decode(gunzipSync(gz));
  const s = (i: number | bigint) => p.stringTable.strings[Number(i)] ?? '';
  const fns = new Map(p.function.map((f) => [Number(f.id), f]));
  const locs = new Map(p.location.map((l) => [Number(l.id), l]));
  return {
    sampleTypes: p.sampleType.map((t) => `${s(t.type)}/${s(t.unit)}`),
    periodType: p.periodType ? `${s(p.periodType.type)}/${s(p.periodType.unit)}` : '',
    period: Number(p.period),
    durationNanos: Number(p.durationNanos),
    comments: p.comment.map(s),
    raw: p,
    samples: p.sample.map((x) => {
      const labels: Record<string, string> = Object.create(null); // a label may be named __proto__
      const numLabels: Record<string, number> = {};
      for (const l of x.label) {
        if (Number(l.str) !== 0) labels[s(l.key)] = s(l.str);
        else numLabels[s(l.key)] = Number(l.num);
      }
      const stack = x.locationId.map((id) => {
        const line = locs.get(Number(id))?.line[0];
        const f = fns.get(Number(line?.functionId));
        return { name: s(f?.name ?? 0), file: s(f?.filename ?? 0), line: Number(line?.line ?? 0) };
      });
      return { stack, labels, numLabels, values: x.value.map(Number) };
    }),
  };
}

/** Collects what is written to it. */
export class Sink {
  chunks: Uint8Array[] = [];
  write(c: Uint8Array): boolean {
    this.chunks.push(c);
    return true;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
