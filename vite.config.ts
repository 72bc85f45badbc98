import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

// Static hosting (see src/store/README.md, "Deep links and static hosting"):
// * base "./" makes every URL in the build relative, so the site works from any sub-path of a
//   static host (https://example.org/podflow/) without rebuilding;
// * deep links are hash-based (#scenario=ID, #s=<shared lab>), so no server rewrite and no
//   404.html fallback is needed;
// * a generated service worker (production builds only) precaches the whole build — the lazy
//   terminal, editor and canvas chunks included — so the lab works offline after the first visit.
export default defineConfig({
  base: "./",
  plugins: [
    react(),
    VitePWA({
      registerType: "autoUpdate",
      // A tiny registerSW.js added to index.html at build time: nothing in the app bundle, and
      // nothing in dev (devOptions off).
      injectRegister: "script-defer",
      manifest: {
        name: "Podflow — Kubernetes Services lab",
        short_name: "Podflow",
        description: "An interactive Kubernetes Services lab that runs entirely in the browser.",
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#11151b",
        theme_color: "#1f5fbf",
        icons: [{ src: "favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,webmanifest}"],
        navigateFallback: "index.html",
        cleanupOutdatedCaches: true,
        // Take over the page that installed it, so the first visit is already offline-ready.
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // manifest: scripts/check-budget.mjs reads the chunk graph from dist/.vite/manifest.json.
  build: {
    target: "es2022",
    sourcemap: true,
    manifest: true,
    // The engine splits itself: src/engine/core.ts (the cluster, drawn first) and the terminal
    // half it loads right after (src/engine/shell-module.ts: shell, kubectl, tools, help texts).
  },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // Tests build clusters with `new ClusterImpl()`: give every one the terminal half of the engine.
    setupFiles: ["src/engine/shell-module.ts"],
  },
});
