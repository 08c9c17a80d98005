// xstate: state machines with context, guards, actions, delayed transitions (a simulated clock),
// parallel and history states, invoked promises, actors and snapshots.
import { and, assign, createActor, createMachine, fromPromise, not, SimulatedClock, setup } from 'xstate';
import { report } from './report.js';

const light = setup({
  guards: { isEmergency: ({ event }) => event.emergency === true, tooMany: ({ context }) => context.cycles >= 2 },
  actions: { count: assign({ cycles: ({ context }) => context.cycles + 1 }) },
  delays: { slow: 2000 },
}).createMachine({
  id: 'light',
  initial: 'green',
  context: { cycles: 0 },
  states: {
    green: { after: { slow: 'yellow' }, on: { TIMER: 'yellow' } },
    yellow: { on: { TIMER: [{ guard: and(['tooMany', not('isEmergency')]), target: 'off' }, { target: 'red' }] } },
    red: { entry: 'count', on: { TIMER: 'green', EMERGENCY: { guard: 'isEmergency', target: 'red', reenter: true } } },
    off: { type: 'final' },
  },
});

report({
  traffic() {
    const clock = new SimulatedClock();
    const actor = createActor(light, { clock });
    const seen = [];
    actor.subscribe((s) => seen.push([s.value, s.context.cycles, s.status]));
    actor.start();
    clock.increment(2000);
    for (let i = 0; i < 5; i++) actor.send({ type: 'TIMER' });
    actor.send({ type: 'TIMER' });
    return [seen, actor.getSnapshot().can({ type: 'TIMER' }), actor.getSnapshot().status];
  },
  parallel() {
    const m = createMachine({
      type: 'parallel',
      states: {
        bold: { initial: 'off', states: { on: { on: { TOGGLE_BOLD: 'off' } }, off: { on: { TOGGLE_BOLD: 'on' } } } },
        list: { initial: 'none', states: { none: { on: { BULLETS: 'bullets' } }, bullets: { on: { NONE: 'none' } }, hist: { type: 'history' } } },
      },
    });
    const a = createActor(m).start();
    a.send({ type: 'TOGGLE_BOLD' });
    a.send({ type: 'BULLETS' });
    const snap = a.getSnapshot();
    return [snap.value, snap.matches({ bold: 'on' }), snap.hasTag('x')];
  },
  async invoke() {
    const m = setup({ actors: { load: fromPromise(async ({ input }) => ({ user: input.id * 2 })) } }).createMachine({
      initial: 'loading',
      context: { user: null },
      states: {
        loading: { invoke: { src: 'load', input: { id: 21 }, onDone: { target: 'done', actions: assign({ user: ({ event }) => event.output.user }) }, onError: 'failed' } },
        done: { type: 'final' },
        failed: {},
      },
    });
    const actor = createActor(m).start();
    await new Promise((resolve) => actor.subscribe({ complete: resolve }));
    return [actor.getSnapshot().value, actor.getSnapshot().context];
  },
});
