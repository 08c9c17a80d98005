// Semicolon-free TypeScript: a statement that ends with a type ends there (found by esbuild's
// own tests: tree-sitter read `x as T` + a line starting with `(` as a call)
const log: string[] = []
const el = { x: 0 } as { x: number }
;(el as any).x = 1
const n = 2 as number
;[n].forEach((v) => log.push(String(v)))
const box = { value: 1 } satisfies { value: number }
const f = (() => "called") as () => string
log.push(f())
const v = [1, 2] as number[]
(globalThis as any).t = v.length
let g: unknown = 3 as unknown
log.push(String(g), String(box.value), String(el.x), String((globalThis as any).t))
console.log(JSON.stringify(log))
