// Builds a profile.proto message with pprof-format: the string, function and
// location tables shared by the CPU and heap profiles.
import { fileURLToPath } from 'node:url';
import { Label, Line, Location, Mapping, Function as PFunction, StringTable } from 'pprof-format';
import type { CallFrame } from './inspector';

/** fileName returns the file path of a script URL (file:// URLs become paths; others are kept). */
export function fileName(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

/** Interns call frames as pprof functions and locations (one location per distinct frame). */
export class Tables {
  readonly strings = new StringTable();
  readonly functions: PFunction[] = [];
  readonly locations: Location[] = [];
  readonly mapping: Mapping;
  private readonly locationIds = new Map<string, number>();
  private readonly functionIds = new Map<string, number>();
  private readonly labelSets: Label[][] = [];
  private readonly labelSetIds = new Map<string, number>();

  constructor() {
    this.mapping = new Mapping({
      id: 1,
      filename: this.strings.dedup('node'),
      hasFunctions: true,
      hasFilenames: true,
      hasLineNumbers: true,
    });
  }

  /** Location returns the id of the location for a call frame, adding it when new. */
  location(cf: CallFrame): number {
    const name = cf.functionName === '' ? '(anonymous)' : cf.functionName;
    const line = cf.lineNumber + 1;
    const key = `${name}\0${cf.url}\0${line}\0${cf.columnNumber}`;
    const have = this.locationIds.get(key);
    if (have !== undefined) return have;
    const fkey = `${name}\0${cf.url}\0${line}`;
    let fid = this.functionIds.get(fkey);
    if (fid === undefined) {
      fid = this.functions.length + 1;
      const file = this.strings.dedup(fileName(cf.url));
      const n = this.strings.dedup(name);
      this.functions.push(
        new PFunction({ id: fid, name: n, systemName: n, filename: file, startLine: Math.max(line, 0) }),
      );
      this.functionIds.set(fkey, fid);
    }
    const id = this.locations.length + 1;
    this.locations.push(
      new Location({ id, mappingId: 1, line: [new Line({ functionId: fid, line: Math.max(line, 0) })] }),
    );
    this.locationIds.set(key, id);
    return id;
  }

  /**
   * LabelSet returns the index of a label set given as alternating keys and
   * values under a canonical key, adding it when new; -1 for no labels.
   */
  labelSet(key: string | undefined, entries: () => Iterable<readonly [string, string]>): number {
    if (key === undefined || key === '') return -1;
    const have = this.labelSetIds.get(key);
    if (have !== undefined) return have;
    const list: Label[] = [];
    for (const [k, v] of entries()) {
      // labels('', '') would be an empty Label message, which pprof-format (2.3) counts as 0 bytes but
      // writes as 2, leaving the profile short; readers skip such a label (it has no value), so it is left out.
      if (k === '' && v === '') continue;
      list.push(new Label({ key: this.strings.dedup(k), str: this.strings.dedup(v) }));
    }
    const id = this.labelSets.length;
    this.labelSets.push(list);
    this.labelSetIds.set(key, id);
    return id;
  }

  /** The labels of a label-set index (none for -1). */
  labels(index: number): Label[] {
    return index < 0 ? [] : (this.labelSets[index] ?? []);
  }
}
