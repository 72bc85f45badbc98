import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// base "./" makes the built site work from any sub-path of a static host (e.g. /podflow/).
export default defineConfig({
  base: "./",
  plugins: [react()],
  build: { target: "es2022", sourcemap: true },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
