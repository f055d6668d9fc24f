// The house's layer rules (issue 16), checked in `npm test` by `npm run deps`. Data flows one way:
// shared (the domain core) <- addon (the Apps Script shell) and shared <- api (store <- read <- routes, dashboard).
// test/deps.test.ts cruises a fixture tree with one deliberate violation per rule and asserts each rule's name
// is reported, so a rule whose paths drift and silently never match fails the tests.

/** Test code: test files beside the code, benches, and everything under test/. */
const TEST_CODE = "(^test/|\\.test\\.tsx?$|\\.bench\\.ts$)";

/** Every npm dependency type (a package, never a relative file or a node: builtin). */
const NPM = ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-bundled", "npm-no-pkg", "npm-unknown"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment:
        "A loop of value imports makes evaluation order matter (a binding read before its module ran) and " +
        "means neither module can be read or changed alone. Type-only imports are erased at compile time, so " +
        "a store part's types naming the Store's records is not a loop at run time.",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "An import the cruiser cannot resolve is invisible to every other rule here: a layer rule would pass " +
        "because it never saw the edge.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "shared-not-to-addon-or-api",
      comment:
        "shared/ is the domain core both shells build on; an arrow back up would tie the core to Apps Script " +
        "or to the Hono server and make the add-on bundle drag in the API.",
      severity: "error",
      from: { path: "^shared/" },
      to: { path: "^(addon|api)/" },
    },
    {
      name: "shared-no-node-builtins",
      comment:
        "The core runs in Apps Script (V8, no Node) as well as on Lambda: a node: builtin would break the " +
        "add-on at run time. shared/tsconfig.json (no Node types) refuses it at typecheck too; this rule " +
        "names the layer it breaks, in the same report as the others.",
      severity: "error",
      from: { path: "^shared/", pathNot: TEST_CODE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "shared-only-zod",
      comment:
        "The core is pure TypeScript; its one package is zod, for the API's schemas (shared/contract.ts), " +
        "kept out of the zod-free shared/wire.ts the add-on imports. Any other package would have to be " +
        "bundled into the add-on.",
      severity: "error",
      from: { path: "^shared/", pathNot: TEST_CODE },
      to: { dependencyTypes: NPM, pathNot: "(^|/)node_modules/zod/" },
    },
    {
      name: "addon-not-to-api",
      comment:
        "The add-on talks to the API only over HTTP through the contract in shared/wire.ts; importing api/ " +
        "would bundle server code (AWS SDK, Hono) into Apps Script.",
      severity: "error",
      from: { path: "^addon/" },
      to: { path: "^api/" },
    },
    {
      name: "dashboard-not-to-routes",
      comment:
        "The dashboard and the JSON routes are two faces of the same read model (api/read); a dashboard " +
        "importing a route couples two HTTP surfaces and puts read logic in the wrong room.",
      severity: "error",
      from: { path: "^api/dashboard/" },
      to: { path: "^api/routes/" },
    },
    {
      name: "store-not-to-upper-layers",
      comment:
        "The store is the bottom of the API: it keeps and returns items. Sync, the read model, the routes " +
        "and the dashboard build on it; an arrow back up would make storage depend on policy.",
      severity: "error",
      from: { path: "^api/store/" },
      to: { path: "^api/(sync|routes|read|dashboard)/" },
    },
    {
      name: "read-not-to-routes",
      comment:
        "The read model serves both the routes and the dashboard; reaching into a route would make the " +
        "dashboard depend on HTTP handlers through it.",
      severity: "error",
      from: { path: "^api/read/" },
      to: { path: "^api/routes/" },
    },
    {
      name: "production-not-to-test",
      comment:
        "Test support (the Apps Script double, fixtures, store contract suites) is not shipped: production " +
        "code importing it would bundle test code or break when it changes.",
      severity: "error",
      from: { pathNot: TEST_CODE },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Build output (the add-on's and the Lambda's bundles, CDK's assembly), never packages' own dist/.
    exclude: { path: "^(dist|api/infra/cdk\\.out|cdk\\.out)/" },
    // Type-only imports count: `import type` from api/ in shared/ is an arrow back up all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Packages' subpath exports (hono/cors, hono/jsx/jsx-runtime) resolve as Node and esbuild resolve them.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      mainFields: ["module", "main"],
    },
  },
};
