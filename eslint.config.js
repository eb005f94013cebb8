// Lint: type-aware rules that catch `any` at boundaries and floating promises, a fence that
// keeps lib/stats pure, and the one transaction helper (docs/architecture.md).
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "lib/generated/", "next-env.d.ts", "tmp/"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/stats/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@prisma/*", "next", "next/*", "react", "pg", "node:*", "@/lib/db/*", "@/lib/queries/*"] },
      ],
    },
  },
  {
    // One transaction helper (docs/architecture.md, "The database access rule").
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx", "seed/**/*.ts", "scripts/**/*.ts"],
    ignores: ["lib/db/transaction.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='$transaction']",
          message: "Use withTransaction (lib/db/transaction.ts), the one transaction helper for Prisma and typed SQL.",
        },
        {
          selector: "CallExpression[callee.property.name='query'] > Literal[value=/^\\s*BEGIN\\b/i]",
          message: "Use withTransaction (lib/db/transaction.ts) instead of BEGIN by hand ({ snapshot: true } for a read-only snapshot).",
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], extends: [tseslint.configs.disableTypeChecked] },
);
