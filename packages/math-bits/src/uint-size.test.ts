// TestUintSize from $GOROOT/src/math/bits/bits_test.go: Go's uint is 64 bits here.
import { expect, it } from 'vitest';
import { UintSize } from './uint-size';

it('UintSize is 64', () => {
  expect(UintSize).toBe(64);
});
