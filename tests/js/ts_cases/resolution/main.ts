import { a } from "./lib/a";          // extensionless: a.ts
import { b } from "./lib/b.js";       // .js specifier, b.ts on disk
import { c } from "./util";           // a folder: util/index.ts
import { d } from "./lib/d.jsx";      // .jsx specifier, d.tsx on disk
import { e } from "@/e";              // paths alias
import { f } from "exact-alias";      // exact alias
import { g } from "./lib/g.ts";       // allowImportingTsExtensions
import { h } from "lib/h";            // baseUrl
import { plain } from "./lib/plain";  // a .js file
console.log(a, b, c, d, e, f, g, h, plain);
