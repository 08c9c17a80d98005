"""The parts of the walk of `analyze.py`, one concern each.

`analyze._Walker` is one class made of these mixins; they share its state (each part sets up
its own in `init_<part>`) and call each other's methods through `self`, as the walk is one pass
over the tree where every concern sees every node. `analyze._HANDLERS` says which method walks
which node type.

- `tokens.py`: the minifier's edits between and over tokens (`ops.py`): gaps, semicolons, cuts
- `scopes.py`: scopes, symbols, declarations, references and their resolution
- `functions.py`: functions, parameters, classes, private names
- `statements.py`: control flow, for its early errors
- `folding.py`: defines, and the branches that conditions known at build time make dead
- `joins.py`: statements joined when minified (`a(),b()`, `if(a||b)`, `return a?b:c`)
- `modules.py`: imports, exports, `import()`, `require()`, `new URL()`, workers
- `commonjs.py`: whether a module is CommonJS, and what it exports
- `nodes.py`: reading nodes (string values, escaped names) and the node types they share
"""
