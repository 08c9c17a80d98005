// @reduxjs/toolkit: configureStore, slices with prepared actions, async thunks, entity adapters,
// memoized selectors, listener middleware, matchers.
import { configureStore, createAction, createAsyncThunk, createEntityAdapter, createListenerMiddleware, createSelector, createSlice, isAnyOf, nanoid } from '@reduxjs/toolkit';
import { report } from './report.js';

const todosAdapter = createEntityAdapter({ sortComparer: (a, b) => a.title.localeCompare(b.title) });
const reset = createAction('app/reset');
const fetchTodo = createAsyncThunk('todos/fetch', async (id, { rejectWithValue }) => {
  await Promise.resolve();
  if (id < 0) return rejectWithValue({ reason: 'negative' });
  return { id: `t${id}`, title: `fetched ${id}`, done: false };
});

const todos = createSlice({
  name: 'todos',
  initialState: todosAdapter.getInitialState({ status: 'idle', errors: [] }),
  reducers: {
    added: {
      reducer: todosAdapter.addOne,
      prepare: (title, id) => ({ payload: { id, title, done: false } }),
    },
    toggled(state, action) {
      const t = state.entities[action.payload];
      t.done = !t.done;
    },
    removed: todosAdapter.removeOne,
  },
  extraReducers: (builder) => {
    builder
      .addCase(fetchTodo.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(fetchTodo.fulfilled, (state, action) => {
        state.status = 'idle';
        todosAdapter.upsertOne(state, action.payload);
      })
      .addCase(fetchTodo.rejected, (state, action) => {
        state.status = 'failed';
        state.errors.push(action.payload);
      })
      .addCase(reset, () => todosAdapter.getInitialState({ status: 'idle', errors: [] }));
  },
  selectors: { selectStatus: (state) => state.status },
});

const listener = createListenerMiddleware();
const heard = [];
listener.startListening({ matcher: isAnyOf(todos.actions.added, todos.actions.toggled), effect: (action, api) => heard.push([action.type, api.getState().todos.ids.length]) });

const store = configureStore({ reducer: { todos: todos.reducer }, middleware: (gDM) => gDM().prepend(listener.middleware) });
const selectors = todosAdapter.getSelectors((s) => s.todos);
const selectOpen = createSelector([selectors.selectAll], (all) => all.filter((t) => !t.done).map((t) => t.title));

report({
  async flow() {
    store.dispatch(todos.actions.added('write tests', 'a'));
    store.dispatch(todos.actions.added('ask', 'b'));
    store.dispatch(todos.actions.toggled('a'));
    await store.dispatch(fetchTodo(7));
    const rejected = await store.dispatch(fetchTodo(-1));
    const open1 = selectOpen(store.getState());
    const open2 = selectOpen(store.getState());
    const snapshot = store.getState();
    store.dispatch(todos.actions.removed('b'));
    const afterRemove = selectors.selectIds(store.getState());
    store.dispatch(reset());
    return [snapshot, open1, open1 === open2, rejected.meta.requestStatus, rejected.payload, afterRemove, store.getState().todos.ids, todos.selectors.selectStatus(store.getState()), heard];
  },
  misc: () => [todos.actions.added.type, todos.actions.added.match({ type: 'todos/added' }), fetchTodo.fulfilled.type, typeof nanoid(), nanoid().length, Object.isFrozen(store.getState())],
});
