export default function () {
  return "called later";
}
(console.log("a statement of its own"));
