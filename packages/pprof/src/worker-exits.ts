// A worker that never loads @gostd/pprof and exits by itself while the main thread profiles it: once it has
// exited, neither Worker.prototype.startCpuProfile's handle nor an inspector session can stop its profile, so
// its samples would be lost. While a CPU profile runs, the main thread's inspector session
// (worker-inspector.ts) gives each such worker a listener for its process's 'exit' event, which tells the
// session (through a Runtime binding, a global function whose calls the session hears) and waits, at most
// exitWaitMs, until the main thread has taken the profile and lets it go. Commands reach a waiting worker:
// the inspector and the handle both ask for the worker's attention with an interrupt, which V8 serves in the
// listener's loop. A worker ended by worker.terminate() runs no listener; its samples stay lost.
import type { AttachedWorker, WorkerInspector } from './worker-inspector';

/** The global function through which a watched worker says that it is exiting. */
export const exitBinding = '__gostdPprofExiting';

/** The longest a watched worker's exit waits for the main thread. */
export const exitWaitMs = 500;

/** The worker's state, at this symbol of its global object. */
const key = `Symbol.for('@gostd/pprof.exiting.v1')`;
const state = `globalThis[${key}]`;

/**
 * The listener, installed once per worker (later profiles count up `watching`), written small as it goes into
 * every bundle. It waits only while some session watches and its binding answers; Atomics.wait sleeps 1 ms
 * at a time, so interrupts are served.
 */
const install =
  `(()=>{const k=${key};let st=globalThis[k];if(st===undefined){` +
  `if(typeof process!=='object'||process===null||typeof process.on!=='function')return;` +
  `st={watching:0,taken:false};Object.defineProperty(globalThis,k,{value:st});process.on('exit',()=>{` +
  `if(st.watching<=0||typeof globalThis.${exitBinding}!=='function')return;` +
  `try{globalThis.${exitBinding}('exit')}catch{return}` +
  `const cell=new Int32Array(new SharedArrayBuffer(4));const end=Date.now()+${exitWaitMs};` +
  `while(!st.taken&&Date.now()<end)Atomics.wait(cell,0,0,1)})}st.watching++;st.taken=false})()`;

/** Watch makes w's exit wait for this session (see the file's comment). */
export async function watchExit(i: WorkerInspector, w: AttachedWorker): Promise<void> {
  await i.send(w, 'Runtime.addBinding', { name: exitBinding });
  await i.send(w, 'Runtime.evaluate', { expression: install });
}

/** Unwatch ends this session's watch of w: its exit no longer waits for this session. */
export function unwatchExit(i: WorkerInspector, w: AttachedWorker): Promise<unknown> {
  return i.send(w, 'Runtime.evaluate', {
    expression: `(()=>{const st=${state};if(st!==undefined&&st.watching>0)st.watching--})()`,
  });
}

/** LetGo ends the wait of an exiting worker: its profile has been taken. */
export function letGo(i: WorkerInspector, w: AttachedWorker): Promise<unknown> {
  return i.send(w, 'Runtime.evaluate', {
    expression: `(()=>{const st=${state};if(st!==undefined)st.taken=true})()`,
  });
}

/** Whether an inspector event from a worker is its exit listener's call. */
export function isExitCall(method: string, params: unknown): boolean {
  return method === 'Runtime.bindingCalled' && (params as { name?: unknown } | null)?.name === exitBinding;
}
