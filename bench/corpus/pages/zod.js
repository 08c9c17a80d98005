// zod 4: schemas, parsing, refinements, transforms, discriminated unions, errors, JSON Schema.
import * as z from 'zod';
import { report } from './report.js';

const User = z.object({
  id: z.number().int().positive(),
  name: z.string().min(2).max(20).trim(),
  email: z.email(),
  role: z.enum(['admin', 'user']).default('user'),
  tags: z.array(z.string()).optional(),
  born: z.coerce.date(),
});

const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('rect'), w: z.number(), h: z.number() }),
]);

const Password = z
  .string()
  .refine((s) => /\d/.test(s), { message: 'needs a digit' })
  .transform((s) => s.length);

report({
  ok: () => User.parse({ id: 1, name: '  ada ', email: 'ada@example.com', born: '1815-12-10' }),
  issues: () => User.safeParse({ id: -1, name: 'a', email: 'nope', role: 'x', born: 'never' }).error.issues.map((i) => [i.code, i.path, i.message]),
  union: () => [Shape.parse({ kind: 'rect', w: 2, h: 3 }), Shape.safeParse({ kind: 'tri' }).success],
  transform: () => [Password.safeParse('abc').success, Password.parse('abc1')],
  pretty: () => z.prettifyError(User.safeParse({}).error),
  json: () => z.toJSONSchema(User.omit({ born: true })),
  record: () => z.record(z.string(), z.tuple([z.number(), z.boolean()])).parse({ a: [1, true] }),
  async async() {
    const Slow = z.string().refine(async (s) => s.startsWith('x'));
    return [(await Slow.safeParseAsync('xy')).success, (await Slow.safeParseAsync('y')).success];
  },
});
