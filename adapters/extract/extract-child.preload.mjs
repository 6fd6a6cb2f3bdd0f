// Loaded with `--import` BEFORE tsx in each extraction child.
// 1. Importing the big parser bundles here, before tsx's loader hooks are
//    registered, skips tsx's per-file transform of them (about 1.5 s of start-up
//    for pdf.js alone); later imports from our TypeScript hit the module cache.
// 2. pdf.js's core-js polyfills replace some native builtins process-wide on
//    Node 20; they are put back here (see native-builtins.ts for the why).
const native = [
  [Array.prototype, 'push', Array.prototype.push],
  [JSON, 'parse', JSON.parse],
  [Function.prototype, 'toString', Function.prototype.toString],
];

await Promise.all([
  import('pdf-parse'), import('xlsx'), import('mammoth'), import('music-metadata'), import('jschardet'), import('iconv-lite'),
  import('mailparser'), import('@kenjiuno/msgreader'), import('sax'), import('yauzl'),
]);
// pdf.js in Node runs its "worker" in-process; handing it the handler avoids a dynamic import of workerSrc.
globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');

for (const [owner, key, value] of native) {
  if (owner[key] !== value) Object.defineProperty(owner, key, { value, writable: true, enumerable: false, configurable: true });
}
