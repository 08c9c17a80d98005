// gsap: deterministic use only: utility functions, eases, and paused timelines driven by hand
// (progress/seek/time), on plain objects and on DOM elements (CSSPlugin).
import { gsap } from 'gsap';
import { report } from './report.js';

const r = (x) => (typeof x === 'number' ? Math.round(x * 1e4) / 1e4 : x);

report({
  utils: () => [gsap.utils.clamp(0, 10, 12), gsap.utils.mapRange(0, 100, 0, 1, 25), gsap.utils.interpolate('red', 'blue', 0.5), gsap.utils.interpolate({ a: 0, b: '0px' }, { a: 10, b: '20px' }, 0.25), gsap.utils.snap(5, 13), gsap.utils.snap({ values: [0, 10, 25], radius: 4 }, 22), gsap.utils.wrap(0, 5, 7), gsap.utils.wrapYoyo(0, 5, 7), gsap.utils.normalize(100, 200, 150), gsap.utils.splitColor('hsl(120, 100%, 50%)'), gsap.utils.getUnit('30vw'), gsap.utils.distribute({ base: 0, amount: 100, from: 'center' })(1, null, [1, 2, 3, 4, 5])],
  eases: () => ['power2.inOut', 'back.out(1.7)', 'elastic.out(1, 0.3)', 'bounce.out', 'steps(4)', 'expo.in', 'sine.inOut'].map((name) => [name, [0.1, 0.5, 0.9].map((t) => r(gsap.parseEase(name)(t)))]),
  timeline() {
    const a = { x: 0, y: 0, label: 0 };
    const b = { scale: 1, color: '#ff0000' };
    const log = [];
    const tl = gsap.timeline({ paused: true, defaults: { ease: 'none', duration: 1 }, onComplete: () => log.push('done') });
    tl.to(a, { x: 100 })
      .addLabel('mid')
      .to(a, { y: 50, ease: 'power1.in', onStart: () => log.push('y start') }, 'mid')
      .fromTo(b, { scale: 0 }, { scale: 2, color: '#0000ff', duration: 2 }, '<0.5')
      .call(() => log.push('call'), null, 2)
      .to(a, { label: 10, snap: { label: 1 }, repeat: 1, yoyo: true, duration: 0.5 });
    const states = [];
    for (const p of [0, 0.25, 0.5, 0.75, 1]) {
      tl.progress(p);
      states.push([r(a.x), r(a.y), r(a.label), r(b.scale), b.color]);
    }
    tl.seek('mid');
    states.push(r(tl.time()), r(tl.duration()), tl.getChildren().length);
    return [states, log];
  },
  css() {
    const el = document.createElement('div');
    document.getElementById('app').append(el);
    const tween = gsap.to(el, { x: 100, rotation: 90, opacity: 0.5, width: '50%', duration: 2, paused: true, ease: 'none' });
    tween.progress(0.5);
    return [el.style.transform, el.style.opacity, el.style.width, r(gsap.getProperty(el, 'x')), gsap.getProperty(el, 'rotation', 'deg')];
  },
  stagger() {
    const targets = [{ v: 0 }, { v: 0 }, { v: 0 }];
    const t = gsap.to(targets, { v: 1, duration: 1, ease: 'none', stagger: { each: 0.5, from: 'end' }, paused: true });
    t.time(1.25);
    return [targets.map((x) => r(x.v)), t.duration()];
  },
});
