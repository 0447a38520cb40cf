import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on 8787 (lodestone serve); the dev server proxies /api to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
});
