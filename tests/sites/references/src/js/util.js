/*! util.js: a licence comment that minification keeps */
export function greet(name) {
  // a comment that minification drops
  console.log(`hello, ${name}`);
}
