// The two clocks a Time reads, as Go's runtime reads them: the wall clock
// (CLOCK_REALTIME, through Date.now(), which can step) and the process's
// monotonic clock (CLOCK_MONOTONIC, through process.hrtime.bigint(), or
// performance.now() where that is absent). Both sources can be replaced for
// tests with setClocks; this module is internal, not part of the API.
//
// A Time keeps the raw monotonic clock value, so that now() and since() do no
// more arithmetic than they must; Go's reading (nanoseconds since the
// package loaded) is that value minus monoStart. Times made before a setClocks call
// are not comparable with times made after it.

/** A wall clock source: milliseconds since the Unix epoch, like Date.now(). */
export type WallClock = () => number;
/** A monotonic clock source: nanoseconds from an arbitrary origin, never decreasing. */
export type MonoClock = () => bigint;

const hrtime = typeof process === 'object' ? process.hrtime?.bigint : undefined;

const defaultMono: MonoClock = hrtime ?? (() => BigInt(Math.round(performance.now() * 1e6)));
const defaultWall: WallClock = () => Date.now();

/** The wall clock in use. */
export let wallClock: WallClock = defaultWall;
/** The monotonic clock in use (raw, from its own origin). */
export let monoClock: MonoClock = defaultMono;
/** The raw monotonic value when the package loaded, minus 1, as Go's startNano. */
export let monoStart: bigint = monoClock() - 1n;

/** Replaces the clocks (for tests); called with no argument, restores the system clocks. */
export function setClocks(clocks: { wall?: WallClock; mono?: MonoClock } = {}): void {
  wallClock = clocks.wall ?? defaultWall;
  monoClock = clocks.mono ?? defaultMono;
  monoStart = monoClock() - 1n;
}
