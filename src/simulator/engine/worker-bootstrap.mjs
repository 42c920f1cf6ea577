// Entry point of the kernel worker threads. Node 20 does not pass module loader hooks on to worker
// threads, so when the simulator runs from its TypeScript sources the worker registers the tsx
// loader itself before importing the kernel module; compiled JavaScript is imported directly.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
