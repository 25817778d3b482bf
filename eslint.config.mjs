import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/coverage/**",
      "**/.turbo/**",
      "test-artifacts/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false } },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports." },
        { selector: "ExportSpecifier[exported.name='default']", message: "Use named exports." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@meta-relay/*/src", "@meta-relay/*/src/*", "@meta-relay/*/dist/*"],
              message: "Import a package through its entry point (its src/index.ts exports).",
            },
            {
              group: ["**/packages/*/src/**", "**/apps/*/src/**", "../../*/src/**"],
              message: "Import another workspace through @meta-relay/<name>.",
            },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Only @meta-relay/config reads the environment; take typed config instead.",
        },
      ],
    },
  },
  {
    files: [
      "packages/config/src/**/*.ts",
      "packages/testkit/src/jest/**/*.ts",
      "packages/testkit/src/redis/**/*.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // jest loads global setup and teardown through their default export.
    files: ["packages/testkit/src/jest/**/*.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
