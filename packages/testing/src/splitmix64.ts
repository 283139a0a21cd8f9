// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): the seeded
// generator the differential tests draw their inputs from, so every run asks Go the same questions.

/** A seeded source of 64-bit values: a reproducible stand-in for testing/quick's random inputs. */
export class SplitMix64 {
  /** The state, advanced by the golden gamma at every draw. */
  private state: bigint;

  constructor(seed: bigint) {
    this.state = BigInt.asUintN(64, seed);
  }

  /** The next value as a uint64 in [0, 2^64). */
  uint64(): bigint {
    this.state = BigInt.asUintN(64, this.state + 0x9e3779b97f4a7c15n);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  }

  /** The next value as an int64 (the same bits as uint64(), two's complement). */
  int64(): bigint {
    return BigInt.asIntN(64, this.uint64());
  }

  /** The next value modulo n, for 0 < n <= 2^53, as a number in [0, n). */
  below(n: number): number {
    return Number(this.uint64() % BigInt(n));
  }

  /** An element of xs, chosen by below(xs.length). */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)] as T;
  }
}
