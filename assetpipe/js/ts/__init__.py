"""The TypeScript/JSX compiler behind `assetpipe.js.typescript` (import from there: this
package is its inside, split by concern).

`typescript.compile_module` parses a file (`parsing`), then a `compiler.Compiler` walks the
tree once, copying the source to the output and rewriting or leaving out nodes on the way. The
compiler is one object made of mixins, one per concern; `compiler.HANDLERS` says which method
handles which node type:

- `segments`: the cursor and the output buffer: copying source through, putting generated text,
  capturing a node's output to place it elsewhere, and the segments mapping output bytes back
  to the source (`source_offset`);
- `node_types`: the node types that are only types, class members, statement lists; small tests on
  nodes (`decorated`, `is_static`) every concern shares;
- `erase`: types left out (`as`, `!`, `this` parameters, annotations, modifiers), statements
  ending where a type ended, and which top-level names are only types;
- `hoisting`: `import` and `export` statements, printed at the end of the output once the
  compiler knows which imported names the code uses as values;
- `enums`: `enum` into an object, constant initializers folded (`fold`), members of enums and
  const enums inlined where they are read;
- `namespaces`: `namespace`/`module` blocks into the function `tsc` writes;
- `classes`: class bodies: parameter properties, fields assigned in the constructor
  (`useDefineForClassFields: false`), `accessor` fields, members that are only types;
- `decorators`: a decorated class goes either way from here: legacy (`experimentalDecorators`)
  into `__decorate` calls, or `standard_decorators` (TC39, esbuild's lowering);
- `jsx`: elements into calls of the automatic or classic runtime, text as esbuild cleans it.
"""
