const _null = "null", _true = "true", _fn = "function", _dash = "dash"
export { _null as null, _true as true, _fn as function, _dash as "a-b" }
export { _null as if, _true as this }
