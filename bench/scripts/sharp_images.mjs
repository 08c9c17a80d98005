// Photos to WebP and AVIF at given widths with sharp, for the `images` workload.
//
//   node bench/scripts/sharp_images.mjs PLAN OUT [--lanes N] [--concurrency N]
//        [--webp-quality Q] [--avif-quality Q]
//
// PLAN is the workload's plan.json: {"photos": [{"src": "/abs/photo.jpg", "name": "photo",
// "widths": [480, 960]}, ...], "formats": ["webp", "avif"]}. For every photo, width and format
// this writes OUT/<name>-<width>.<ext> with
//
//   sharp(input).autoOrient().resize({ width }).webp({ quality })   (or .avif({ quality }))
//
// i.e. sharp's defaults but for the quality: Lanczos 3 resizing with shrink-on-load, EXIF
// orientation applied, the embedded ICC profile converted to sRGB, metadata dropped, WebP
// effort 4, AVIF effort 4 with 4:4:4 chroma and 8 bits. Without a --*-quality option, sharp's
// own default quality is used (WebP 80, AVIF 50).
//
// --lanes N: how many outputs are in flight at once (default 1: one after the other, each
// awaited). --concurrency N: sharp.concurrency(N), libvips' threads per image (default: sharp's
// own, which is 1 on glibc Linux without jemalloc). The input file of a photo is read once.
//
// sharp is loaded from $BENCH_NODE_DIR (bench/.node), where the bench's ensure_npm put it.

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const EXTENSION = { webp: '.webp', avif: '.avif' };

function loadSharp() {
  const nodeDir = process.env.BENCH_NODE_DIR;
  if (!nodeDir) throw new Error('BENCH_NODE_DIR is not set');
  return createRequire(join(nodeDir, 'package.json'))('sharp');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lanes: { type: 'string', default: '1' },
      concurrency: { type: 'string' },
      'webp-quality': { type: 'string' },
      'avif-quality': { type: 'string' },
    },
  });
  if (positionals.length !== 2) {
    throw new Error('usage: sharp_images.mjs PLAN OUT [--lanes N] [--concurrency N] ...');
  }
  const [planPath, out] = positionals;
  const sharp = loadSharp();
  if (values.concurrency !== undefined) sharp.concurrency(Number(values.concurrency));
  const settings = {
    webp: values['webp-quality'] === undefined ? {} : { quality: Number(values['webp-quality']) },
    avif: values['avif-quality'] === undefined ? {} : { quality: Number(values['avif-quality']) },
  };
  const plan = JSON.parse(readFileSync(planPath, 'utf8'));
  mkdirSync(out, { recursive: true });
  const tasks = [];
  for (const photo of plan.photos) {
    const input = readFileSync(photo.src);
    for (const width of photo.widths) {
      for (const format of plan.formats) {
        const file = join(out, `${photo.name}-${width}${EXTENSION[format]}`);
        tasks.push(() =>
          sharp(input).autoOrient().resize({ width })[format](settings[format]).toFile(file),
        );
      }
    }
  }
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.lanes)) }, lane));
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
