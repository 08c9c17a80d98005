// @tanstack/query-core: a QueryClient without a framework: fetching, caching, observers,
// invalidation, mutations with optimistic updates, retries, infinite queries, hashing.
import { hashKey, InfiniteQueryObserver, MutationObserver, QueryClient, QueryObserver, replaceEqualDeep } from '@tanstack/query-core';
import { report } from './report.js';

const db = new Map([[1, { id: 1, title: 'one' }], [2, { id: 2, title: 'two' }]]);
let fetches = 0;
const fetchTodo = async ({ queryKey: [, id] }) => {
  fetches++;
  await Promise.resolve();
  if (!db.has(id)) throw new Error(`no todo ${id}`);
  return { ...db.get(id) };
};

const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, gcTime: Infinity } } });
client.mount();

report({
  async fetch() {
    const a = await client.fetchQuery({ queryKey: ['todo', 1], queryFn: fetchTodo });
    const b = await client.fetchQuery({ queryKey: ['todo', 1], queryFn: fetchTodo });
    const state = client.getQueryState(['todo', 1]);
    return [a, a === b, fetches, state.status, state.fetchStatus, state.dataUpdateCount];
  },
  async observer() {
    const log = [];
    const obs = new QueryObserver(client, { queryKey: ['todo', 2], queryFn: fetchTodo, select: (t) => t.title.toUpperCase() });
    const unsubscribe = obs.subscribe((r) => log.push([r.status, r.fetchStatus, r.data ?? null]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    db.set(2, { id: 2, title: 'changed' });
    await client.invalidateQueries({ queryKey: ['todo'] });
    unsubscribe();
    return [log, fetches];
  },
  async errors() {
    const r = await client.fetchQuery({ queryKey: ['todo', 9], queryFn: fetchTodo }).catch((e) => e.message);
    let attempts = 0;
    const retried = await client.fetchQuery({ queryKey: ['flaky'], retry: 2, retryDelay: 1, queryFn: async () => (++attempts < 3 ? Promise.reject(new Error('flaky')) : 'ok') });
    return [r, client.getQueryState(['todo', 9]).status, retried, attempts];
  },
  async mutation() {
    const log = [];
    const m = new MutationObserver(client, {
      mutationFn: async (title) => ({ id: 3, title }),
      onMutate: async (title) => {
        const previous = client.getQueryData(['todos']) ?? [];
        client.setQueryData(['todos'], [...previous, { id: -1, title }]);
        log.push(['optimistic', client.getQueryData(['todos']).length]);
        return { previous };
      },
      onSuccess: (data, vars, ctx) => client.setQueryData(['todos'], [...ctx.previous, data]),
    });
    m.subscribe((r) => log.push(r.status));
    await m.mutate('three');
    return [log, client.getQueryData(['todos'])];
  },
  async infinite() {
    const obs = new InfiniteQueryObserver(client, { queryKey: ['pages'], initialPageParam: 0, queryFn: async ({ pageParam }) => ({ items: [pageParam * 2, pageParam * 2 + 1], next: pageParam < 2 ? pageParam + 1 : undefined }), getNextPageParam: (last) => last.next });
    const unsubscribe = obs.subscribe(() => {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    await obs.fetchNextPage();
    const r = await obs.fetchNextPage();
    unsubscribe();
    return [r.data.pages.map((p) => p.items), r.hasNextPage];
  },
  hashing() {
    const a = { x: [1, { y: 2 }], z: 'same' };
    const b = { x: [1, { y: 2 }], z: 'same' };
    return [hashKey(['k', { b: 1, a: 2 }]), replaceEqualDeep(a, b) === a, hashKey([undefined, null, 0])];
  },
});
