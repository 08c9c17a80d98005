// superstruct: structs, validation errors with paths, coercion, refinements, defaults.
import { array, assert, coerce, create, defaulted, enums, is, nullable, number, object, optional, refine, size, string, StructError, union, validate } from 'superstruct';
import { report } from './report.js';

const Email = refine(string(), 'email', (v) => /^[^@\s]+@[^@\s]+$/.test(v));
const Trimmed = coerce(string(), string(), (s) => s.trim());
const User = object({
  id: number(),
  name: size(Trimmed, 1, 20),
  email: Email,
  role: defaulted(enums(['admin', 'user']), 'user'),
  tags: optional(array(string())),
  parent: nullable(number()),
  score: coerce(number(), string(), (s) => parseFloat(s)),
});

report({
  create: () => create({ id: 1, name: '  ada ', email: 'a@b.c', parent: null, score: '9.5' }, User),
  errors() {
    const [error] = validate({ id: 'x', name: '', email: 'nope', role: 'root', parent: 1, score: 1 }, User);
    return [error instanceof StructError, error.message, error.failures().map((f) => [f.path.join('.'), f.type, f.refinement ?? null, f.message])];
  },
  is: () => [is(5, union([string(), number()])), is([1, 'a'], array(number())), (() => { try { assert({ id: 1 }, User); return 'passed'; } catch (e) { return e.message; } })()],
});
