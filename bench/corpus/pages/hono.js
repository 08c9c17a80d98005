// hono: a web app answered in the page (app.request builds Request/Response objects; no
// network): routing with params, middleware, validation, JSON, errors, sub-apps, cookies.
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { report } from './report.js';

const app = new Hono();
const log = [];
app.use('*', async (c, next) => {
  log.push(`> ${c.req.method} ${c.req.path}`);
  await next();
  c.header('X-Seen', String(log.length));
});
app.use('/api/*', cors({ origin: 'https://ok.example' }));
app.get('/', (c) => c.text('home'));
app.get('/users/:id{[0-9]+}', (c) => c.json({ id: Number(c.req.param('id')), q: c.req.query('q') ?? null, all: c.req.queries('t') ?? [] }));
app.get('/files/*', (c) => c.text(`file ${c.req.path.slice(7)}`));
app.post(
  '/api/items',
  validator('json', (value, c) => (typeof value.name === 'string' ? value : c.json({ error: 'name required' }, 400))),
  async (c) => c.json({ created: c.req.valid('json').name }, 201),
);
app.get('/cookie', (c) => {
  setCookie(c, 'session', 'abc', { path: '/', httpOnly: true });
  return c.text(`had ${getCookie(c, 'theme') ?? 'none'}`);
});
app.get('/boom', () => {
  throw new HTTPException(418, { message: 'teapot' });
});
app.get('/etag', etag(), (c) => c.text('cached body'));
const admin = new Hono().basePath('/admin');
admin.get('/stats', (c) => c.json({ ok: true }));
app.route('/', admin);
app.notFound((c) => c.text('nothing here', 404));
app.onError((err, c) => c.text(`error: ${err.message}`, err instanceof HTTPException ? err.status : 500));

const show = async (res) => [res.status, res.headers.get('content-type'), res.headers.get('x-seen'), await res.text()];

report({
  async routes() {
    return [await show(await app.request('/')), await show(await app.request('/users/42?q=x&t=1&t=2')), await show(await app.request('/users/abc')), await show(await app.request('/files/a/b.txt')), await show(await app.request('/admin/stats'))];
  },
  async post() {
    const ok = await app.request('/api/items', { method: 'POST', body: JSON.stringify({ name: 'pen' }), headers: { 'Content-Type': 'application/json', Origin: 'https://ok.example' } });
    const bad = await app.request('/api/items', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    return [await show(ok), ok.headers.get('access-control-allow-origin'), await show(bad)];
  },
  async misc() {
    const cookie = await app.request('/cookie', { headers: { Cookie: 'theme=dark' } });
    const etagged = await app.request('/etag');
    const again = await app.request('/etag', { headers: { 'If-None-Match': etagged.headers.get('etag') } });
    return [await show(cookie), cookie.headers.get('set-cookie'), await show(await app.request('/boom')), etagged.headers.get('etag'), again.status, log.length];
  },
});
