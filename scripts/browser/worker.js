// A Web Worker that attaches to the page's SharedMap and races it: 1,000 compare-and-swap increments.
import { SharedMap } from '@gostd/sync';

self.onmessage = (event) => {
  const m = SharedMap.from(event.data.handle);
  for (let i = 0; i < 1000; i++) {
    for (;;) {
      const n = m.get('n');
      if (m.compareAndSwap('n', n, n + 1)) break;
    }
  }
  m.store('worker', 'done');
  self.postMessage('done');
};
