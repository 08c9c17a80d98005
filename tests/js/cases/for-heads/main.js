// for-loop heads the language reads in surprising ways
var using,
  of = [[9], [8], [7]],
  result = [];
for (using of of [0, 1, 2]) {
  // a variable named `using`, over `of[2]` (a comma expression): not a using declaration
  result.push(using);
}
console.log(result.length, result[0]);

var i = 0,
  counter = 0;
for (async of => {}; i < 3; ++i) {
  // an async arrow with a parameter named `of`
  ++counter;
}
console.log(counter);
