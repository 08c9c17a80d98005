// axios: instances, config merging, URL building, headers, interceptors and transforms, errors,
// cancellation, with a custom adapter instead of the network (no request leaves the page).
import axios, { AxiosError, AxiosHeaders, CanceledError, mergeConfig } from 'axios';
import { report } from './report.js';

const seen = [];
const adapter = async (config) => {
  seen.push([config.method, axios.getUri(config), config.headers.get('X-Trace'), config.data ?? null]);
  const status = config.url.includes('missing') ? 404 : 200;
  const response = { data: JSON.stringify({ echo: config.url, params: config.params ?? null }), status, statusText: status === 200 ? 'OK' : 'Not Found', headers: { 'content-type': 'application/json' }, config, request: {} };
  if (status !== 200) throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response);
  return response;
};

const api = axios.create({ baseURL: 'https://api.example.com/v1/', timeout: 1000, params: { key: 'k' }, headers: { common: { 'X-App': 'corpus' } }, adapter });
api.interceptors.request.use((config) => {
  config.headers.set('X-Trace', `t-${seen.length}`);
  return config;
});
const responseId = api.interceptors.response.use((response) => ({ ...response, data: { ...response.data, intercepted: true } }));

report({
  uri: () => [api.getUri({ url: 'users', params: { page: 2, tags: ['a', 'b'], q: 'x y&z' } }), axios.getUri({ url: '/p', params: { d: new Date(Date.UTC(2020, 0, 1)), n: null, u: undefined } }), axios.getUri({ baseURL: 'http://h', url: 'a', paramsSerializer: { indexes: true }, params: { arr: [1, 2] } })],
  merge: () => {
    const merged = mergeConfig({ headers: { a: '1' }, params: { x: 1 }, timeout: 5 }, { headers: { b: '2' }, params: { y: 2 }, validateStatus: null });
    return [merged.headers, merged.params, merged.timeout, merged.validateStatus];
  },
  headers() {
    const h = new AxiosHeaders({ 'Content-Type': 'text/plain', 'x-a': '1' });
    h.set('X-B', 'two').set({ 'x-c': ['3', '4'] });
    h.delete('x-a');
    return [h.toJSON(), h.has('content-type'), h.getContentType(), AxiosHeaders.from('A: 1\nb: 2\n').toJSON()];
  },
  async request() {
    const r = await api.get('users/1', { params: { full: true } });
    const p = await api.post('users', { name: 'ada' }, { headers: { 'X-Extra': 'e' } });
    return [r.status, r.data, p.data, seen];
  },
  async errors() {
    const e = await api.get('missing').catch((error) => error);
    api.interceptors.response.eject(responseId);
    const controller = new AbortController();
    controller.abort();
    const c = await api.get('x', { signal: controller.signal }).catch((error) => error);
    return [e instanceof AxiosError, e.code, e.response.status, e.message, axios.isAxiosError(e), c instanceof CanceledError, axios.isCancel(c), c.code];
  },
  async transform() {
    const r = await api.request({ url: 'raw', method: 'put', data: { a: 1 }, transformRequest: [(data, headers) => { headers.set('X-T', 'yes'); return `a=${data.a}`; }], transformResponse: [(data) => data.length] });
    return [r.data, seen.at(-1)];
  },
});
