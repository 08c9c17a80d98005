// events (Node's EventEmitter for browsers, CommonJS; a Node built-in's name): listeners in
// order, once, prepend, removal during emit, the 'error' event, newListener/removeListener,
// max-listener warnings, subclassing, and events.once() as a promise.
import EventEmitter, { once } from 'events';
import * as events from 'events';
import { report } from './report.js';

class Job extends EventEmitter {
  run(n) {
    this.emit('start', n);
    for (let i = 1; i <= n; i++) this.emit('step', i);
    this.emit('done', n * 10);
  }
}

report({
  order() {
    const e = new EventEmitter();
    const log = [];
    e.on('newListener', (name) => name !== 'newListener' && log.push(`new ${name}`));
    e.on('x', (a, b) => log.push(`on ${a} ${b}`));
    e.once('x', () => log.push('once'));
    e.prependListener('x', () => log.push('first'));
    e.prependOnceListener('x', () => log.push('first once'));
    const r1 = e.emit('x', 1, 2);
    const r2 = e.emit('x', 3, 4);
    const r3 = e.emit('nobody');
    return [log, r1, r2, r3, e.listenerCount('x'), e.eventNames()];
  },
  removal() {
    const e = new EventEmitter();
    const log = [];
    const b = () => log.push('b');
    const a = () => {
      log.push('a');
      e.removeListener('x', b);
    };
    e.on('removeListener', (name) => log.push(`removed ${name}`));
    e.on('x', a);
    e.on('x', b);
    e.emit('x');
    e.emit('x');
    e.off('x', a);
    e.removeAllListeners('x');
    return [log, e.listeners('x').length, e.rawListeners('removeListener').length];
  },
  error() {
    const e = new EventEmitter();
    let message = 'no exception';
    try {
      e.emit('error', new Error('unhandled'));
    } catch (error) {
      message = error.message;
    }
    let nonError = '';
    try {
      e.emit('error', 'text');
    } catch (error) {
      nonError = `${error.name}: ${error.message}`;
    }
    const seen = [];
    e.on('error', (err) => seen.push(err.message));
    e.emit('error', new Error('handled'));
    return [message, nonError, seen];
  },
  maxListeners() {
    const e = new EventEmitter();
    const warn = console.warn;
    const warnings = [];
    console.warn = (w) => warnings.push(String(w && w.message ? w.name + ': ' + w.message.split('.')[0] : w));
    try {
      e.setMaxListeners(2);
      for (let i = 0; i < 3; i++) e.on('leak', () => {});
    } finally {
      console.warn = warn;
    }
    return [e.getMaxListeners(), EventEmitter.defaultMaxListeners, warnings];
  },
  subclass() {
    const job = new Job();
    const log = [];
    job.on('start', (n) => log.push(`start ${n}`));
    job.on('step', (i) => log.push(i));
    job.once('done', (v) => log.push(`done ${v}`));
    job.run(3);
    job.run(1);
    return [log, job instanceof EventEmitter, EventEmitter.EventEmitter === EventEmitter, events.default === EventEmitter];
  },
  async promise() {
    const e = new EventEmitter();
    setTimeout(() => e.emit('ready', 'a', 'b'), 0);
    const args = await once(e, 'ready');
    setTimeout(() => e.emit('error', new Error('failed')), 0);
    let rejected = '';
    try {
      await once(e, 'never');
    } catch (error) {
      rejected = error.message;
    }
    return [args, rejected];
  },
});
