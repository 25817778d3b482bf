import js from "@eslint/js";
import tseslint from "typescript-eslint";

const namedExportsOnly = [
  { selector: "ExportDefaultDeclaration", message: "Use named exports." },
  { selector: "ExportSpecifier[exported.name='default']", message: "Use named exports." },
];

// Calendar guard: code that feeds the ingress, the store, the worker or Redis in tests must build its
// times from the moment it runs. A fixed date passes the day it is written and fails once the product's
// horizons (24 h, 7 days, the 8-day dedupe) have moved past it. Pure unit tests that pass their own `now`
// are not covered: their fixed dates never meet a clock.
const calendarMessage =
  "Absolute time in code that reaches a running component: build it relative to Date.now() (see README, Development).";
const calendarIndependent = [
  { selector: "Literal[value=/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}/]", message: calendarMessage },
  {
    selector: "TemplateElement[value.raw=/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}/]",
    message: calendarMessage,
  },
  // Unix seconds (10 digits) or milliseconds (13 digits) since 2017, as a number or a string.
  {
    selector: "Literal[raw=/^[\"'`]?1_?[5-9](_?\\d){8}((_?\\d){3})?[\"'`]?$/]",
    message: calendarMessage,
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='UTC']",
    message: calendarMessage,
  },
  {
    selector:
      "CallExpression[callee.object.name='Date'][callee.property.name='parse'][arguments.0.type='Literal']",
    message: calendarMessage,
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.0.type='Literal']",
    message: calendarMessage,
  },
];

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
      "no-restricted-syntax": ["error", ...namedExportsOnly],
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
  {
    files: [
      "**/*.int.test.ts",
      "**/*.rel.test.ts",
      "**/*.e2e.test.ts",
      "**/src/testing/**/*.ts",
      "tests/**/*.ts",
      "bench/src/**/*.ts",
      "packages/testkit/src/**/*.ts",
    ],
    ignores: ["packages/testkit/src/jest/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...namedExportsOnly, ...calendarIndependent] },
  },
);
