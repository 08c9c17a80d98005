// The Node side of bench/test262: runs test262 tests one after the other, each in a fresh
// worker thread (a new realm: bench/test262/worker.mjs), and prints one JSON line per test.
//
// stdin: one JSON job per line, {"id", "url" (file: URL of the module to import), "harness"
// (paths of classic scripts run first), "timeout" (ms)}. stdout: one JSON line per job, in
// order, {"id", "status", "error", "prints", "ms"}, where status is
//   "ok"        the module was imported, nothing uncaught happened afterwards;
//   "threw"     the import rejected (a parse, link or evaluation error: "error");
//   "uncaught"  an exception or rejection nobody handled, after or during evaluation;
//   "unsettled" the event loop emptied while the import was still pending (a top-level
//               await that never settles: `node test.mjs` exits with status 13);
//   "timeout"   the worker was still running after "timeout" ms and was terminated;
//   "harness"   a harness file threw (the host cannot run this test);
//   "crash"     the worker died (out of memory, a fatal error).
// Run it as `node --expose-gc runner.mjs` so that $262.gc works.
import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';

const WORKER = new URL('./worker.mjs', import.meta.url);

function runOne(job) {
  return new Promise((resolve) => {
    const started = performance.now();
    const prints = [];
    let status = null;
    let error = null;
    let imported = false;
    let timer = null;
    const worker = new Worker(WORKER, {
      workerData: { url: job.url, harness: job.harness },
      stdout: false,
      stderr: false,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const setStatus = (s, e) => {
      if (status === null || status === 'ok') {
        status = s;
        error = e;
      }
    };
    worker.on('message', (msg) => {
      switch (msg.kind) {
        case 'print':
          prints.push(msg.text);
          break;
        case 'imported':
          imported = true;
          setStatus('ok', null);
          break;
        case 'threw':
          imported = true;
          setStatus('threw', msg.error);
          break;
        case 'uncaught':
        case 'unhandled':
          setStatus('uncaught', msg.error);
          break;
        case 'harness':
          imported = true;
          setStatus('harness', msg.error);
          break;
        default:
          break;
      }
    });
    worker.on('error', (e) => setStatus('crash', { name: e?.name ?? 'Error', message: String(e?.message ?? e) }));
    worker.on('exit', () => {
      clearTimeout(timer);
      if (status === null && !imported) status = 'unsettled';
      resolve({ id: job.id, status: status ?? 'unsettled', error, prints, ms: Math.round(performance.now() - started) });
    });
    timer = setTimeout(() => {
      status = 'timeout';
      error = { name: 'Timeout', message: `still running after ${job.timeout} ms` };
      worker.terminate();
    }, job.timeout ?? 10000);
  });
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const result = await runOne(JSON.parse(line));
  process.stdout.write(JSON.stringify(result) + '\n');
}
