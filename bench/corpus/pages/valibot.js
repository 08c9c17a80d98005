// valibot: pipes, objects, unions, transforms, issues, flatten.
import * as v from 'valibot';
import { report } from './report.js';

const Login = v.object({
  email: v.pipe(v.string(), v.trim(), v.email('bad email')),
  password: v.pipe(v.string(), v.minLength(8, 'too short'), v.regex(/[A-Z]/, 'needs upper')),
  remember: v.optional(v.boolean(), false),
  age: v.pipe(v.unknown(), v.transform(Number), v.number(), v.integer(), v.minValue(18)),
});

const Event = v.variant('type', [
  v.object({ type: v.literal('click'), x: v.number(), y: v.number() }),
  v.object({ type: v.literal('key'), key: v.string() }),
]);

report({
  ok: () => v.parse(Login, { email: ' a@b.io ', password: 'Secret123', age: '42' }),
  issues() {
    const r = v.safeParse(Login, { email: 'x', password: 'short', age: '3.5' }, { abortEarly: false });
    return [r.success, r.issues.map((i) => [i.kind, i.type, i.message, v.getDotPath(i)]), v.flatten(r.issues)];
  },
  variant: () => [v.is(Event, { type: 'key', key: 'a' }), v.safeParse(Event, { type: 'click', x: 1 }).success],
  map: () => v.parse(v.map(v.string(), v.array(v.number())), new Map([['a', [1, 2]]])),
  fallback: () => v.parse(v.fallback(v.number(), 7), 'x'),
  async async() {
    const Name = v.pipeAsync(v.string(), v.checkAsync(async (s) => s !== 'taken', 'taken'));
    return [(await v.safeParseAsync(Name, 'free')).success, (await v.safeParseAsync(Name, 'taken')).issues[0].message];
  },
});
