import { defineConfig } from 'vitest/config';

// Plain files a person can host anywhere: relative paths, one folder (dist/).
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
