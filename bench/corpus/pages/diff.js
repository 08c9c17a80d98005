// diff (jsdiff): character, word, line and JSON diffs, unified patches, applying and parsing
// them, structured patches.
import { applyPatch, createPatch, createTwoFilesPatch, diffArrays, diffChars, diffJson, diffLines, diffWords, parsePatch, reversePatch, structuredPatch } from 'diff';
import { report } from './report.js';

const before = 'line one\nline two\nline three\nline four\n';
const after = 'line one\nline 2\nline three\nline four\nline five\n';
const parts = (changes) => changes.map((c) => [c.added ? '+' : c.removed ? '-' : '=', c.value]);

report({
  chars: () => parts(diffChars('restaurant', 'aura')),
  words: () => parts(diffWords('The quick brown fox', 'The slow brown dog!', { ignoreCase: true })),
  lines: () => parts(diffLines(before, after)),
  json: () => parts(diffJson({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], d: null })),
  arrays: () => parts(diffArrays([1, 2, 3, 4], [1, 3, 4, 5])).map(([k, v]) => [k, v.join()]),
  patches() {
    const patch = createPatch('file.txt', before, after, 'old', 'new', { context: 1 });
    const applied = applyPatch(before, patch);
    const parsed = parsePatch(patch)[0];
    const two = createTwoFilesPatch('a.txt', 'b.txt', 'x\ny\n', 'x\nz\n');
    const reversed = applyPatch(after, reversePatch(parsed));
    return [patch, applied === after, parsed.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]), two, reversed === before, structuredPatch('o', 'n', 'a\n', 'b\n').hunks[0].lines, applyPatch('totally different\n', patch)];
  },
});
