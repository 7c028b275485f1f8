// Builds the operator display into build/web/ (the server's static root). Everything the page needs
// is bundled: the map library and its worker, the borders from world-atlas, the styles. The built
// page fetches nothing but the picture API of the server that serves it.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../build/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // The map worker ships as .mjs; give it a .js name so any static server sends it with
        // a JavaScript MIME type (module workers refuse anything else).
        assetFileNames: (asset) =>
          (asset.names?.[0] ?? '').endsWith('.mjs') ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
