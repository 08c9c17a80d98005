// A block comment with a line break ends a line for automatic semicolon insertion, and so
// does a lone carriage return (tree-sitter missed both; test262 language/comments)
const a = 1 /* one
   two */ const b = a + 1
const c = ""/**/""console.log(a, b, JSON.stringify(c))
