// Bundle many test262 tests with esbuild's JS API, each its own entry point: the same engine
// and options as `esbuild ENTRY --bundle --minify --format=esm` (no code splitting, so every
// entry becomes one self-contained file, out/<path of the entry>).
//
// argv: ESBUILD_PACKAGE_DIR. stdin: {"cwd", "entries": [relative paths], "outdir"}.
// stdout: {"ok": bool, "errors": [{"file", "line", "text"}]}; nothing is written on error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.argv[2], 'package.json'));
const esbuild = require('esbuild');
const job = JSON.parse(readFileSync(0, 'utf8'));
try {
  await esbuild.build({
    absWorkingDir: job.cwd,
    entryPoints: job.entries,
    outdir: job.outdir,
    outbase: job.cwd,
    bundle: true,
    minify: true,
    format: 'esm',
    logLevel: 'silent',
    write: true,
  });
  process.stdout.write(JSON.stringify({ ok: true, errors: [] }));
} catch (e) {
  const errors = (e.errors ?? [{ text: String(e) }]).map((m) => ({
    file: m.location?.file ?? null,
    line: m.location?.line ?? 0,
    text: m.text,
  }));
  process.stdout.write(JSON.stringify({ ok: false, errors }));
}
