import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './pwa/service-worker-plugin';

// The API (apps/api) serves the built app and everything it needs: /api, /tiles, /glyphs, /basemap.
const api = process.env.HATANG_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl is one large module; splitting it buys nothing.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': api, '/tiles': api, '/glyphs': api, '/basemap': api },
  },
});
