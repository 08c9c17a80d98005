// fuse.js: fuzzy search with keys and weights, scores and matches, extended and logical queries,
// a prebuilt index.
import Fuse from 'fuse.js';
import { report } from './report.js';

const books = [
  { title: "Old Man's War", author: { name: 'John Scalzi', tags: ['sci-fi'] }, year: 2005 },
  { title: 'The Lock Artist', author: { name: 'Steve Hamilton', tags: ['thriller'] }, year: 2009 },
  { title: 'HTML5', author: { name: 'Remy Sharp', tags: ['web'] }, year: 2010 },
  { title: 'Right Ho Jeeves', author: { name: 'P.D. Woodhouse', tags: ['comedy'] }, year: 1934 },
  { title: 'The Code of the Wooster', author: { name: 'P.D. Woodhouse', tags: ['comedy'] }, year: 1938 },
  { title: 'Thank You Jeeves', author: { name: 'P.D. Woodhouse', tags: ['comedy', 'classic'] }, year: 1934 },
];
const round = (x) => Math.round(x * 1e6) / 1e6;

report({
  basic() {
    const fuse = new Fuse(books, { keys: ['title', 'author.name'], includeScore: true, includeMatches: true, threshold: 0.4 });
    return fuse.search('jeves wood').map((r) => [r.refIndex, round(r.score), r.matches.map((m) => [m.key, m.indices])]);
  },
  weighted: () => new Fuse(books, { keys: [{ name: 'title', weight: 2 }, { name: 'author.tags', weight: 0.5 }], includeScore: true, ignoreLocation: true }).search('comedy').map((r) => [r.item.title, round(r.score)]),
  extended: () => new Fuse(books, { keys: ['title', 'author.name'], useExtendedSearch: true }).search("'Jeeves !Thank").map((r) => r.item.title),
  logical: () => new Fuse(books, { keys: ['title', 'author.name'], threshold: 0.3 }).search({ $or: [{ title: 'html' }, { $and: [{ 'author.name': 'woodhouse' }, { title: 'code' }] }] }).map((r) => r.refIndex),
  index() {
    const index = Fuse.createIndex(['title'], books);
    const fuse = new Fuse(books, { keys: ['title'], minMatchCharLength: 2 }, Fuse.parseIndex(index.toJSON()));
    fuse.add({ title: 'Jeeves in the Offing', author: { name: 'P.G.', tags: [] }, year: 1960 });
    fuse.removeAt(0);
    return fuse.search('jeeves').map((r) => r.item.title);
  },
  strings: () => new Fuse(['apple', 'apricot', 'banana', 'grape', 'pineapple'], { includeScore: true }).search('aple').map((r) => [r.item, round(r.score)]),
});
