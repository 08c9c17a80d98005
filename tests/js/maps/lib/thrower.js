// A module whose error must be reported at its own line by a source map.
const prefix = "boom";

export function explode(where) {
  const message = `${prefix} ${where}`;
  throw new Error(message);
}
