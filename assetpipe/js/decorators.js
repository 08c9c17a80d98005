// TC39 decorators' runtime: esbuild's helpers (MIT licence, Copyright (c) 2020 Evan Wallace),
// written as function declarations so that they are hoisted above the code that uses them.
// Appended once to each module that has standard decorators (assetpipe/js/typescript.py).
function __decoratorStart(base) {
  return [, , , Object.create(base?.[__knownSymbol("metadata")] ?? null)];
}
function __knownSymbol(name, symbol) {
  return (symbol = Symbol[name]) ? symbol : Symbol.for("Symbol." + name);
}
function __typeError(message) {
  throw TypeError(message);
}
function __defNormalProp(obj, key, value) {
  return key in obj
    ? Object.defineProperty(obj, key, { enumerable: true, configurable: true, writable: true, value })
    : (obj[key] = value);
}
function __publicField(obj, key, value) {
  return __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
}
function __expectFn(fn) {
  return fn !== void 0 && typeof fn !== "function" ? __typeError("Function expected") : fn;
}
function __decoratorContext(kind, name, done, metadata, fns) {
  return {
    kind: ["class", "method", "getter", "setter", "accessor", "field"][kind], name, metadata,
    addInitializer: (fn) => done._ ? __typeError("Already initialized") : fns.push(__expectFn(fn || null)),
  };
}
function __decoratorMetadata(array, target) {
  return __defNormalProp(target, __knownSymbol("metadata"), array[3]);
}
function __runInitializers(array, flags, self, value) {
  for (var i = 0, fns = array[flags >> 1], n = fns && fns.length; i < n; i++)
    flags & 1 ? fns[i].call(self) : (value = fns[i].call(self, value));
  return value;
}
function __privateAdd(obj, member, value) {
  return member.has(obj) ? __typeError("Cannot add the same private member more than once") : member.set(obj, value);
}
function __privateGet(obj, member) {
  return member.has(obj) || __typeError("Cannot read from private field"), member.get(obj);
}
function __privateSet(obj, member, value) {
  return member.has(obj) || __typeError("Cannot write to private field"), member.set(obj, value), value;
}
function __decorateElement(array, flags, name, decorators, target, extra) {
  var fn, it, done, ctx, access, k = flags & 7, s = !!(flags & 8);
  var j = k > 3 ? array.length + 1 : k ? (s ? 1 : 2) : 0, key = ["value", "get", "set"][k - 1] ?? "value";
  var initializers = k > 3 && (array[j - 1] = []), extraInitializers = array[j] || (array[j] = []);
  var desc = k && (!s && (target = target.prototype), k < 5 && Object.getOwnPropertyDescriptor(k < 4 ? target : {
    get [name]() { return __privateGet(this, extra); },
    set [name](x) { return __privateSet(this, extra, x); },
  }, name));
  k || Object.defineProperty(target, "name", { value: name, configurable: true });
  for (var i = decorators.length - 1; i >= 0; i--) {
    ctx = __decoratorContext(k, name, done = {}, array[3], extraInitializers);
    if (k) {
      ctx.static = s, ctx.private = false, access = ctx.access = { has: (x) => name in x };
      if (k ^ 3) access.get = (x) => x[name];
      if (k > 2) access.set = (x, y) => (x[name] = y);
    }
    it = (0, decorators[i])(k ? (k < 4 ? desc[key] : k > 4 ? void 0 : { get: desc.get, set: desc.set }) : target, ctx), done._ = 1;
    if (k ^ 4 || it === void 0) __expectFn(it) && (k > 4 ? initializers.unshift(it) : k ? (desc[key] = it) : (target = it));
    else if (typeof it !== "object" || it === null) __typeError("Object expected");
    else __expectFn(fn = it.get) && (desc.get = fn), __expectFn(fn = it.set) && (desc.set = fn), __expectFn(fn = it.init) && initializers.unshift(fn);
  }
  return k || __decoratorMetadata(array, target), desc && Object.defineProperty(target, name, desc), target;
}
