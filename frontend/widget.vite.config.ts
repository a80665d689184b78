import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The embeddable customer widget: one classic script (IIFE, no modules, so a utility's page can
// load it with a plain <script> tag) and one stylesheet, at the URLs embedding pages already use:
// /widget.js and /widget.css. Built after the staff pages, into the same frontend/dist.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  build: {
    outDir: 'dist',
    // The staff pages' build (vite.config.ts) empties dist first; this one adds to it.
    emptyOutDir: false,
    assetsInlineLimit: 0,
    // Class fields stay native: no helper outside the IIFE on the host page's global scope.
    target: 'es2022',
    lib: {
      entry: `${here}src/widget/main.ts`,
      name: 'PowerDeskWidgetBundle',
      formats: ['iife'],
      fileName: () => 'widget.js',
      cssFileName: 'widget',
    },
  },
});
