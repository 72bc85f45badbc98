import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const timerBan = [
  "error",
  { name: "setTimeout", message: "The engine runs on a virtual clock: schedule work with the cluster clock." },
  { name: "setInterval", message: "The engine runs on a virtual clock: schedule work with the cluster clock." },
  { name: "requestAnimationFrame", message: "The engine is headless." },
  { name: "window", message: "The engine is headless: no DOM." },
  { name: "document", message: "The engine is headless: no DOM." },
];

// Code outside the engine reaches it only through its public modules (DESIGN.md "Layers only
// point down"): index/core (createCluster), api (the contract's types), lib (shared pure helpers)
// and cluster/types (the object types index.ts re-exports).
const enginePublic = {
  regex: "(^|/)engine/(?!(index|core|api|lib|cluster/types)(\\.tsx?)?$)",
  message: "Outside src/engine, import the engine only through its public modules: engine (index), engine/core, engine/api, engine/lib, engine/cluster/types.",
};
const uiLibs = { group: ["react", "react-dom", "react/*", "zustand", "zustand/*", "@xyflow/*", "framer-motion"], message: "The engine must not depend on UI libraries." };
// The engine's inner layers: the cluster (API server, kinds, controllers, network) never imports
// the client side (kubectl) or the terminal (shell); kubectl talks to the cluster through the
// KubeClient interface, never the concrete cluster class.
const clientSide = {
  group: ["**/kubectl", "**/kubectl/**", "**/shell", "**/shell/**", "**/shell-module"],
  message: "The cluster side (cluster/, kinds/, util/) does not import kubectl or the shell: move what both need to util/, or install it through cluster/extensions.ts.",
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "bench/results.json"] },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/engine/**"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/engine/**", "src/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [enginePublic] }] },
  },
  // Layers point down (DESIGN.md): the canvas and the panels never import each other; the shared
  // layers under them (actions: the kubectl lines UI actions type; ui: widgets and view helpers;
  // traffic: the traffic readings) import neither.
  {
    files: ["src/canvas/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [enginePublic, { group: ["**/panels/*", "**/panels", "**/app/*", "**/lessons/*"], message: "The canvas does not import the panels, the app shell or the lessons: move what both need to src/ui, src/actions or src/traffic." }] }] },
  },
  {
    files: ["src/panels/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [enginePublic, { group: ["**/canvas/*", "**/canvas", "**/app/*", "**/lessons/*"], message: "The panels do not import the canvas, the app shell or the lessons: move what both need to src/ui, src/actions or src/traffic." }] }] },
  },
  {
    files: ["src/actions/**/*.{ts,tsx}", "src/ui/**/*.{ts,tsx}", "src/traffic/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [enginePublic, { group: ["**/canvas/*", "**/panels/*", "**/app/*", "**/lessons/*", "**/terminal/*"], message: "Shared layers sit under the views: they import only the store, the engine and each other." }] }] },
  },
  {
    // The store restores saved and shared labs (lesson scenarios included) before any lesson code
    // loads: it never imports the lessons, which sit above it.
    files: ["src/store/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/lessons/*", "**/lessons"], message: "The store does not import the lessons: a lesson's starting cluster is a scenario in src/store/lesson-scenarios/." }] }] },
  },
  {
    // The narration reads the lab store and asks the canvas to look through the UI store.
    files: ["src/narration/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [enginePublic, { group: ["**/canvas/*", "**/canvas", "**/panels/*", "**/panels", "**/app/*", "**/lessons/*", "**/terminal/*"], message: "The narration imports only the store, the engine, src/ui and src/actions: it points at the canvas through uiStore.focusOn." }] }] },
  },
  {
    // DESIGN.md principles 1 and 8: the engine is pure. Time and chance are inputs.
    files: ["src/engine/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-globals": timerBan,
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "Use the cluster's seeded PRNG." },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "Use the cluster's virtual clock." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use the cluster's virtual clock." },
      ],
      "no-restricted-imports": ["error", { patterns: [uiLibs] }],
    },
  },
  {
    files: ["src/engine/cluster/**/*.ts", "src/engine/kinds/**/*.ts", "src/engine/util/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [uiLibs, clientSide] }] },
  },
  {
    files: ["src/engine/kubectl/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts", "src/engine/kubectl/verbs/testlab.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            uiLibs,
            { group: ["**/cluster/cluster"], message: "kubectl talks to the cluster through the KubeClient interface (cluster/client.ts), not the concrete cluster class." },
            { group: ["**/shell", "**/shell/**"], message: "kubectl does not import the shell: exec goes through the kubelet (KubeClient.exec), as upstream's exec subresource does." },
          ],
        },
      ],
    },
  },
);
