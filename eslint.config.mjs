// Lint rules the project relies on; formatting is Prettier's job (eslint-config-prettier turns the
// overlapping rules off). Layer rules live in .dependency-cruiser.cjs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "cdktf.out/**",
      ".app-build/**",
      ".bench-build/**",
      "docs/api/**",
      "**/*.d.ts",
      "coverage/**",
      "reports/**",
      ".stryker-tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", __dirname: "readonly", require: "readonly", module: "writable" },
    },
    rules: {
      // Provider classes come from deep paths; the package root loads ~1,500 classes (DESIGN rule 3).
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@cdktf/provider-aws", message: "Import the resource by deep path: @cdktf/provider-aws/lib/<resource>." }],
        },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
    },
  },
  {
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
