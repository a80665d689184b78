import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The staff pages, built into frontend/dist and served by the app (src/app.setup.ts) at the same
// URLs the hand-written pages had. The server's protocol types come in as type-only imports.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // No inline scripts or styles anywhere: the pages run under a CSP of 'self' only.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { agent: `${here}agent.html`, supervisor: `${here}supervisor.html` },
    },
  },
  // `npm run dev:web`: pages with reloads on :5173, the API and sockets of an app running on :3000.
  server: {
    proxy: {
      '/auth': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
