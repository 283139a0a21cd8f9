// The two clocks a Time reads, as Go's runtime reads them: the wall clock
// (CLOCK_REALTIME, through Date.now(), which can step) and the process's
// monotonic clock (CLOCK_MONOTONIC, through process.hrtime.bigint(), or
// performance.now() where that is absent). Both sources can be replaced for
// tests with setClocks; this module is internal, not part of the API.
//
// A Time keeps the raw monotonic clock value, so that now() and since() do no
// more arithmetic than they must; Go's reading (nanoseconds since the
// package first read the clock) is that value minus monoStart. Times made before a setClocks call
// are not comparable with times made after it.

/** A wall clock source: milliseconds since the Unix epoch, like Date.now(). */
export type WallClock = () => number;
/** A monotonic clock source: nanoseconds from an arbitrary origin, never decreasing. */
export type MonoClock = () => bigint;

/** The monotonic source: process.hrtime.bigint() in Node, performance.now() elsewhere (chosen on first use). */
function monoSource(): MonoClock {
  const hrtime = typeof process === 'object' ? process.hrtime?.bigint : undefined;
  return hrtime ?? (() => BigInt(Math.round(performance.now() * 1e6)));
}
const defaultWall: WallClock = () => Date.now();

/** The wall clock in use. */
export let wallClock: WallClock = defaultWall;
/**
 * The monotonic clock in use (raw, from its own origin). Until the first reading it is firstReading, which
 * picks the source, starts Go's readings there (monoStart) and puts the source in its place, so importing
 * the package reads no clock and later readings call the source directly.
 */
export let monoClock: MonoClock = firstReading;
/**
 * The raw monotonic value just before the first reading, so Go's readings (`mono - monoStart`) are
 * positive. Every Time with a reading was made after it was set.
 */
export let monoStart = 0n;

function firstReading(): bigint {
  monoClock = monoSource();
  monoStart = monoClock() - 1n;
  return monoClock();
}

/** Replaces the clocks (for tests); called with no arguments it restores the real ones. */
export function setClocks(clocks: { wall?: WallClock; mono?: MonoClock } = {}): void {
  wallClock = clocks.wall ?? defaultWall;
  monoClock = clocks.mono ?? monoSource();
  monoStart = monoClock() - 1n;
}
