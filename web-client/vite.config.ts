import { defineConfig } from 'vitest/config';

// `npm run dev` serves the client with hot reload and sends the API and the game connection to a running gateway
// (`./mmo up`), so the page talks to one origin just as when the gateway serves the build.
const gateway = process.env.MMO_GATEWAY_URL ?? 'http://localhost:8080';

const proxy = {
  '/api': { target: gateway, changeOrigin: true },
  '/ws': { target: gateway, ws: true, changeOrigin: true },
};

export default defineConfig({
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    // Phaser alone is about 1.2 MB minified; it is split off and loaded after login.
    chunkSizeWarningLimit: 1600,
    // Timing notes about Vite's own CSS plugin, which say nothing about this project, on every slow machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
