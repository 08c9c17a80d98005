// Escapes only tagged templates allow (ES2018): the cooked string is undefined, the raw one
// is as written. swagger-ui's bundle has String.raw`{\rtf1\ansi\uc1}` (issue #12).
const raw = String.raw`{\rtf1\ansi\uc1}`
const tag = (strings, ...values) => JSON.stringify([strings, strings.raw, values])
console.log(raw)
console.log(tag`\unicode and \u{55} and \xg ${1} \u{110000}`)
console.log(tag`ok \u0041 \x41 ${`nested ${2}`} \u`)
