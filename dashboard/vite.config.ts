// Builds the dashboard page (index.html) and the GraphiQL explorer (explorer.html)
// into dashboard/dist, served by the gateway (serve-static.ts) under /dashboard/
// and /explorer/. Everything comes from node_modules: the build works offline.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/dashboard/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL with React is one large chunk; it is loaded by the explorer only.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      input: { dashboard: `${here}index.html`, explorer: `${here}explorer.html` },
      onwarn(warning, warn) {
        // React libraries' "use client" markers mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
