// The read path for CPUs other than x86-64, where SharedMap reads records with Atomics.load instead of plain
// loads: the same behavioural suite, on a copy of the module loaded while process.arch claims arm64.
import { expect, it } from 'vitest';
import { behaviourSuite } from './map-behaviour';

const arch = Object.getOwnPropertyDescriptor(process, 'arch');
Object.defineProperty(process, 'arch', { value: 'arm64', configurable: true });
const specifier = './shared-map.ts?atomics'; // a query makes it a second instance of the module
const mod = (await import(/* @vite-ignore */ specifier)) as typeof import('./shared-map');
if (arch) Object.defineProperty(process, 'arch', arch);

behaviourSuite('SharedMap (Atomics.load reads)', () => new mod.SharedMap());

it('loads a separate copy of the module', async () => {
  const plain = await import('./shared-map');
  expect(mod.SharedMap).not.toBe(plain.SharedMap);
  const m = new mod.SharedMap<number, string>();
  for (let i = 0; i < 3000; i++) m.store(i, `v${i}`);
  for (let i = 0; i < 3000; i += 7) expect(m.get(i)).toBe(`v${i}`);
});
