export default class {
  kind = "class";
}
[1, 2].forEach((n) => console.log("element", n));
