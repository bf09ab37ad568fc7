// ESLint for the widgets' plain JavaScript (docs/javascripts/): its recommended rules (an
// undefined or unused name, unreachable code, a duplicate key, ...), in a browser, as classic
// scripts with no build step. tests/test_javascript.py runs it with the packages that
// `make npm-tools` installs into .cache/npm, found through NODE_PATH.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["docs/javascripts/*.js"],
    languageOptions: {
      ecmaVersion: 2020, // what the phones the site supports run, with no transpiler
      sourceType: "script",
      globals: globals.browser,
    },
  },
];
