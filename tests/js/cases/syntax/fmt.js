export function fmt(strings, ...values) {
  return strings.raw.join("|") + values.join("|")
}
