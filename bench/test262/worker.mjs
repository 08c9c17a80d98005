// One test262 test in a fresh realm: a worker thread of bench/test262/runner.mjs.
//
// Prepares the realm the way test262 hosts do (INTERPRETING.md): `print` and `$262` as
// writable, configurable, non-enumerable globals, then the harness files evaluated as classic
// scripts in the global scope, then the test imported as an ES module. It reports, through
// the parent port, how the import settled, every uncaught exception and unhandled rejection
// afterwards (as `node test.mjs` would die of them), and every `print`. The parent decides
// pass or fail; it also notices a worker whose event loop emptied with the import pending
// (a top-level await that never settles: `node test.mjs` exits 13).
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const post = (msg) => parentPort.postMessage(msg);
const describe = (e) => {
  let name;
  let message;
  try {
    name = e !== null && (typeof e === 'object' || typeof e === 'function')
      ? (e.constructor && e.constructor.name) || String(e.name)
      : typeof e;
  } catch {
    name = 'unknown';
  }
  try {
    message = e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
  } catch {
    message = '(unprintable)';
  }
  return { name, message: message.slice(0, 2000) };
};

const hostGc = typeof globalThis.gc === 'function' ? globalThis.gc : null;

function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

function make262(global, runScript) {
  const $262 = {
    global,
    evalScript(code) {
      return runScript(String(code));
    },
    createRealm() {
      const context = vm.createContext();
      const other = vm.runInContext('globalThis', context);
      const inner = make262(other, (code) => vm.runInContext(code, context));
      define(other, '$262', inner);
      define(other, 'print', print);
      return inner;
    },
    detachArrayBuffer(buffer) {
      structuredClone(buffer, { transfer: [buffer] });
      return null;
    },
    gc() {
      if (!hostGc) throw new Error('gc() is not available (run node with --expose-gc)');
      return hostGc();
    },
    // $262.agent, IsHTMLDDA and AbstractModuleSource are not provided: the runner counts
    // the tests that use them as not applicable.
  };
  return $262;
}

function print(value) {
  post({ kind: 'print', text: String(value) });
}

process.on('uncaughtException', (e) => post({ kind: 'uncaught', error: describe(e) }));
process.on('unhandledRejection', (e) => post({ kind: 'unhandled', error: describe(e) }));

define(globalThis, 'print', print);
define(globalThis, '$262', make262(globalThis, (code) => vm.runInThisContext(code)));

try {
  for (const file of workerData.harness) {
    vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
  }
} catch (e) {
  post({ kind: 'harness', error: describe(e) });
  process.exit(0);
}

post({ kind: 'start' });
try {
  await import(workerData.url);
  post({ kind: 'imported' });
} catch (e) {
  post({ kind: 'threw', error: describe(e) });
}
