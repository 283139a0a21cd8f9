// The read path for CPUs other than x86-64, where SharedMap reads records with Atomics.load instead of plain
// loads: the same behavioural suite, on fresh copies of the modules loaded while process.arch claims arm64.
import { expect, it, vi } from 'vitest';
import { behaviourSuite } from './testdata/map-behaviour';

const arch = Object.getOwnPropertyDescriptor(process, 'arch');
Object.defineProperty(process, 'arch', { value: 'arm64', configurable: true });
vi.resetModules(); // fresh instances of shared-map.ts and of every module it imports
const mod = await import('./shared-map');
const table = await import('./shared-map-table');
if (arch) Object.defineProperty(process, 'arch', arch);
vi.resetModules();

behaviourSuite('SharedMap (Atomics.load reads)', () => new mod.SharedMap());

it('loads a separate copy of the modules, which reads with Atomics.load', async () => {
  expect(table.PLAIN).toBe(false);
  const plain = await import('./shared-map');
  expect(mod.SharedMap).not.toBe(plain.SharedMap);
  const m = new mod.SharedMap<number, string>();
  for (let i = 0; i < 3000; i++) m.store(i, `v${i}`);
  for (let i = 0; i < 3000; i += 7) expect(m.get(i)).toBe(`v${i}`);
});
